"""``GET /v2/bilans_entreprises_bdf/{siren}``: the three latest Banque de France balance sheets (CONTRACT §2.10).

Every amount is a string in thousands of euros, read from the same financial years as the
DGFIP returns (the Banque de France maps its fields to boxes of forms 2051-2057). Each has
an ``evolution_*`` twin: the change from the year before, when both years last as long.
Fewer than three balance sheets is a 404, as on the real route; the nightly maintenance
is a 503 with the Banque de France's own error.
"""

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.rules import scenarios
from mockserver.rules.errors import ApiError
from mockserver.world.finances import FiscalYear

# Each amount of a balance sheet: the financial year's attribute it reports.
AMOUNTS = {
    "valeur_ajoutee_bdf": "value_added",
    "resultat_exercice": "result",
    "capitaux_propres_et_assimiles": "equity",
    "total_provisions_pour_risques_et_charges": "provisions",
    "dettes1_emprunts_obligataires_et_convertibles": "convertible_bonds",
    "dettes2_autres_emprunts_obligataires": "other_bonds",
    "total_dettes_stables": "stable_debt",
    "emprunts_et_dettes_financieres_divers": "sundry_financial_debt",
    "groupes_et_associes": "group_debt",
    "besoin_en_fonds_de_roulement": "working_capital_need",
    "disponibilites": "cash",
    "total_passif": "total_liabilities",
    "chiffre_affaires_ht": "turnover",
    "capacite_autofinancement": "self_financing",
    "dettes3_emprunts_et_dettes_aupres_des_etablissements_de_credit": "bank_debt",
    "dettes4_maturite_a_un_an_au_plus": "bank_debt_within_a_year",
    "autres_fonds_propres": "other_equity",
    "capital_social_inclus_dans_capitaux_propres_et_assimiles": "share_capital",
    "excedent_brut_exploitation": "gross_operating_surplus",
    "fonds_roulement_net_global": "working_capital",
}
RATIO = "ratio_fonds_roulement_net_global_sur_besoin_en_fonds_de_roulement"
# The fields in the order the Banque de France sends them.
FIELD_ORDER = (
    "duree_exercice",
    "valeur_ajoutee_bdf",
    "resultat_exercice",
    "capitaux_propres_et_assimiles",
    "total_provisions_pour_risques_et_charges",
    "dettes1_emprunts_obligataires_et_convertibles",
    "dettes2_autres_emprunts_obligataires",
    "total_dettes_stables",
    "emprunts_et_dettes_financieres_divers",
    "groupes_et_associes",
    "besoin_en_fonds_de_roulement",
    "disponibilites",
    "total_passif",
    "evolution_valeur_ajoutee_bdf",
    "evolution_resultat_exercice",
    "evolution_capitaux_propres_et_assimiles",
    "evolution_total_provisions_pour_risques_et_charges",
    "evolution_dettes1_emprunts_obligataires_et_convertibles",
    "evolution_dettes2_autres_emprunts_obligataires",
    "evolution_emprunts_et_dettes_financieres_divers",
    "evolution_groupes_et_associes",
    "evolution_besoin_en_fonds_de_roulement",
    "evolution_disponibilites",
    "evolution_total_passif",
    "chiffre_affaires_ht",
    "capacite_autofinancement",
    "date_arret_exercice",
    "dettes3_emprunts_et_dettes_aupres_des_etablissements_de_credit",
    "dettes4_maturite_a_un_an_au_plus",
    "autres_fonds_propres",
    "capital_social_inclus_dans_capitaux_propres_et_assimiles",
    "excedent_brut_exploitation",
    "evolution_chiffre_affaires_ht",
    "evolution_capacite_autofinancement",
    "evolution_dettes3_emprunts_et_dettes_aupres_des_etablissements_de_credit",
    "evolution_dettes4_maturite_a_un_an_au_plus",
    "evolution_autres_fonds_propres",
    "evolution_capital_social_inclus_dans_capitaux_propres_et_assimiles",
    "evolution_excedent_brut_exploitation",
    "evolution_fonds_roulement_net_global",
    "evolution_" + RATIO,
    "evolution_total_dettes_stables",
    "fonds_roulement_net_global",
    RATIO,
)


def _thousands(euros: int) -> int:
    """Return an amount in thousands of euros, as the Banque de France keeps it."""
    return round(euros / 1000)


def _decimal(value: float) -> str:
    """Return a number with two decimals and a decimal comma: "-7,82"."""
    return f"{value:.2f}".replace(".", ",")


def _ratio(amounts: dict[str, int]) -> float | None:
    """Return the working capital over its need, in percent, when neither is negative."""
    working_capital = amounts["fonds_roulement_net_global"]
    need = amounts["besoin_en_fonds_de_roulement"]
    if working_capital < 0 or need <= 0:
        return None
    return working_capital * 100 / need


def _evolution(current: float | None, previous: float | None) -> str:
    """Return the change from ``previous`` to ``current`` in percent, or "" when it cannot be computed."""
    if current is None or previous is None or previous == 0:
        return ""
    return _decimal((current - previous) * 100 / abs(previous)) + "%"


def _figures(year: FiscalYear) -> tuple[dict[str, int], float | None]:
    """Return a year's amounts in thousands of euros and its ratio."""
    amounts = {field: _thousands(getattr(year, attribute)) for field, attribute in AMOUNTS.items()}
    return amounts, _ratio(amounts)


def _balance_sheet(year: FiscalYear, previous: FiscalYear | None) -> dict:
    """Return one balance sheet, with its changes from ``previous`` when both years last as long."""
    amounts, ratio = _figures(year)
    before, before_ratio = _figures(previous) if previous and previous.months == year.months else ({}, None)
    fields = {
        "duree_exercice": str(year.months),
        "date_arret_exercice": f"{year.closing:%Y%m}",
        RATIO: "-" if ratio is None else _decimal(ratio),
        "evolution_" + RATIO: _evolution(ratio, before_ratio),
    }
    for field, value in amounts.items():
        fields[field] = str(value)
        fields["evolution_" + field] = _evolution(value, before.get(field))
    return {field: fields[field] for field in FIELD_ORDER}


def bilans(call: Call) -> Reply:
    """Render the three latest balance sheets, newest first."""
    accounts = world.finances(call.path_params["siren"], call.today)
    years = accounts.banque_de_france_years(call.today)
    if call.scenario == scenarios.BDF_TOO_FEW_BILANS or not years:
        raise ApiError("not_found")
    sheets = [_balance_sheet(year, accounts.year_before(year)) for year in years]
    return Reply({"monnaie": "kEuros", "bilans": sheets})
