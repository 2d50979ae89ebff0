"""v3 financial routes: DGFIP turnover and tax returns, Banque de France balance sheets (CONTRACT §4 rows 8-11).

The figures are the financial years of ``world.finances``, the same as v2 shows: v3 gives
turnover as a number of euros where v2 gave a string, embeds each box's dictionary entry
(code EDI, NREF, label) in the returns instead of a separate dictionary, and gives the
Banque de France's changes as numbers. A company outside corporate tax files no returns:
the DGFIP routes answer 404 for it, as for any unit they do not know.
"""

from mockserver import world
from mockserver.renderers.bdf_v2 import AMOUNTS, RATIO
from mockserver.renderers.call import Call, Reply
from mockserver.renderers.current import collection, resource
from mockserver.renderers.dgfip_v2 import BOX_VALUES
from mockserver.rules import scenarios
from mockserver.rules.errors import ApiError
from mockserver.world import finance_tables as tables
from mockserver.world.finances import REAL_NORMAL_THRESHOLD, Finances, FiscalYear

REGIMES = {"RN": "Réel normal", "RS": "Réel simplifié"}
# The type of every box the sandbox fills: an amount.
AMOUNT_TYPE = "MNT"
# The Banque de France's computed values v3 keeps, of those v2 listed.
BDF_COMPUTED = (
    "disponibilites",
    "total_dettes_stables",
    "valeur_ajoutee_bdf",
    "besoin_en_fonds_de_roulement",
    "excedent_brut_exploitation",
    "capacite_autofinancement",
    "fonds_roulement_net_global",
    "dettes4_maturite_a_un_an_au_plus",
)


def _subject_to_is(call: Call, accounts: Finances) -> None:
    """Raise 404 for a company the DGFIP holds no corporate-tax returns of."""
    if call.scenario == scenarios.DGFIP_NOT_SUBJECT_TO_IS or not accounts.subject_to_is:
        raise ApiError("not_found")


def chiffres_affaires(call: Call) -> Reply:
    """Render ``/v3/dgfip/etablissements/{siret}/chiffres_affaires``: the latest years, newest first."""
    accounts = world.finances(call.path_params["siret"][:9], call.today)
    _subject_to_is(call, accounts)
    years = accounts.latest_years()
    if not years:
        raise ApiError("not_found")
    items = [{"chiffre_affaires": year.turnover, "date_fin_exercice": year.closing.isoformat()} for year in years]
    return collection(items, meta={"count": len(items)})


def _evolution(current: float, previous: float | None) -> float | None:
    """Return the change from ``previous`` in percent, two decimals, or None when it cannot be computed."""
    if previous is None or previous == 0:
        return None
    return round((current - previous) * 100 / abs(previous), 2)


def _donnees(form: str, year: FiscalYear, previous: FiscalYear | None, with_evolution: bool) -> list[dict]:
    """Return the boxes of one form with their dictionary entry and value (and change, for the Banque de France)."""
    donnees = []
    for box, (absolute, edi, nref, label) in tables.LIASSE_BOXES[form].items():
        value = getattr(year, BOX_VALUES[box])
        entry = {
            "code": box,
            "code_EDI": edi,
            "code_absolu": absolute,
            "code_type_donnee": AMOUNT_TYPE,
            "intitule": label,
            "code_nref": nref,
            "valeurs": [str(value)],
        }
        if with_evolution:
            entry["evolution"] = _evolution(value, getattr(previous, BOX_VALUES[box]) if previous else None)
        donnees.append(entry)
    return donnees


def returns_of(call: Call) -> tuple[Finances, FiscalYear]:
    """Return the accounts of the SIREN asked for and its fiscal year closing in the year asked for.

    The DGFIP's liasse answer, which the liens capitalistiques read too: a 404 for a company without
    corporate-tax returns or without a year closing then.
    """
    accounts = world.finances(call.path_params["siren"], call.today)
    _subject_to_is(call, accounts)
    year = accounts.year_closing_in(int(call.path_params["year"]))
    if year is None:
        raise ApiError("not_found")
    return accounts, year


def liasses_fiscales(call: Call) -> Reply:
    """Render ``/v3/dgfip/unites_legales/{siren}/liasses_fiscales/{year}``: the returns of the year closing in it."""
    accounts, year = returns_of(call)
    regime = "RN" if year.turnover >= REAL_NORMAL_THRESHOLD else "RS"
    obligation = {
        "id": accounts.tax_office_number,
        "code": "IS",
        "libelle": "Impôt sur les sociétés",
        "reference": "IS1",
        "regime": "RN" if accounts.real_normal else "RSI",
    }
    declarations = [
        {
            "numero_imprime": form,
            "regime": {"code": regime, "libelle": REGIMES[regime]},
            "date_declaration": year.filed_on.isoformat(),
            "date_fin_exercice": year.closing.isoformat(),
            "duree_exercice": year.days,
            "millesime": f"{year.closing.year + 1}01",
            "donnees": _donnees(form, year, None, with_evolution=False),
        }
        for form in tables.LIASSE_BOXES
    ]
    return resource(
        {"obligations_fiscales": [obligation], "declarations": declarations},
        meta={"internal_id_itip": accounts.tax_file_number},
    )


def _computed(year: FiscalYear, previous: FiscalYear | None) -> dict:
    """Return the Banque de France's computed values of a year, in thousands of euros, with their changes."""
    values = {}
    for field in BDF_COMPUTED:
        current = round(getattr(year, AMOUNTS[field]) / 1000)
        before = round(getattr(previous, AMOUNTS[field]) / 1000) if previous else None
        values[field] = {"valeur": str(current), "evolution": _evolution(current, before)}
    ratio = _ratio(year)
    # The ratio's change compares two meaningful ratios only.
    before = _ratio(previous) if previous else 0.0
    values[RATIO] = {"valeur": ratio, "evolution": _evolution(ratio, before) if ratio and before else None}
    return values


def _ratio(year: FiscalYear) -> float:
    """Return the working capital over the working capital need, in percent, of a year."""
    need = round(getattr(year, AMOUNTS["besoin_en_fonds_de_roulement"]) / 1000)
    working_capital = round(getattr(year, AMOUNTS["fonds_roulement_net_global"]) / 1000)
    # v2 writes "-" where the ratio means nothing (no need, or a negative working capital); v3 wants a number.
    return round(working_capital * 100 / need, 2) if need > 0 and working_capital >= 0 else 0.0


def bilans_bdf(call: Call) -> Reply:
    """Render ``/v3/banque_de_france/unites_legales/{siren}/bilans``: the three latest balance sheets, newest first."""
    if call.scenario == scenarios.BDF_TOO_FEW_BILANS:
        raise ApiError("not_found")
    declared = world.declared_balance_sheets(call.path_params["siren"], call.today)
    if declared is not None:
        if not declared:
            raise ApiError("not_found")
        return collection([sheet["sheet"] for sheet in declared], {"count": len(declared)})
    accounts = world.finances(call.path_params["siren"], call.today)
    years = accounts.banque_de_france_years(call.today)
    if not years:
        raise ApiError("not_found")
    items = []
    for year in years:
        # Changes compare years of the same length only, as the v2 balance sheets do.
        before = accounts.year_before(year)
        previous = before if before and before.months == year.months else None
        items.append(
            {
                "annee": str(year.closing.year),
                "date_arrete_exercice": f"{year.closing:%Y%m}",
                "valeurs_calculees": [_computed(year, previous)],
                "declarations": [
                    {"numero_imprime": form, "donnees": _donnees(form, year, previous, with_evolution=True)}
                    for form in tables.LIASSE_BOXES
                ],
            }
        )
    return collection(items, {"count": len(items)})
