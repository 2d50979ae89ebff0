"""DGFIP's v2 JSON routes: turnover (``exercices``) and tax returns (``liasses_fiscales_dgfip``).

CONTRACT §2.8 and §2.11. Only companies subject to corporate tax have returns: for others
the turnover route answers DGFIP's 502 "not subject to corporate tax" and the return routes
the 502 "potential not found" DGFIP gives for any return it does not hold. The
``user_id`` and ``email`` query parameters are accepted and ignored, as the real server
derives the user from the token.
"""

from datetime import date, datetime, time

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.rules import scenarios
from mockserver.rules.errors import ApiError
from mockserver.world import finance_tables as tables
from mockserver.world.entities import PARIS, Company, paris_timestamp
from mockserver.world.finances import REAL_NORMAL_THRESHOLD, Finances, FiscalYear
from mockserver.world.randomness import upper_ascii

# What each box of the returns holds: an attribute of the financial year.
BOX_VALUES = {
    "DA": "share_capital",
    "DL": "equity",
    "DO": "other_equity",
    "DR": "provisions",
    "DS": "convertible_bonds",
    "DT": "other_bonds",
    "DU": "bank_debt",
    "DV": "sundry_financial_debt",
    "EC": "total_debt",
    "EE": "total_liabilities",
    "FJ": "domestic_turnover",
    "FK": "export_turnover",
    "FL": "turnover",
    "HN": "result",
}


def paris_iso(day: date) -> str:
    """Return midnight of ``day`` in Paris as DGFIP writes it: "2016-12-31T00:00:00+01:00"."""
    return datetime.combine(day, time(), tzinfo=PARIS).isoformat()


def _form_version(fiscal_year_end: int) -> str:
    """Return the millésime of the forms filed for the year closing in ``fiscal_year_end``."""
    return f"{fiscal_year_end + 1}01"


def exercices(call: Call) -> Reply:
    """Render the turnover of the latest one to three financial years, newest first."""
    accounts = world.finances(call.path_params["siret"][:9], call.today)
    if call.scenario == scenarios.DGFIP_NOT_SUBJECT_TO_IS or not accounts.subject_to_is:
        raise ApiError("dgfip_not_subject_to_is")
    years = accounts.latest_years()
    if not years:
        raise ApiError("not_found")
    return Reply(
        {
            "exercices": [
                {
                    "ca": str(year.turnover),
                    "date_fin_exercice": paris_iso(year.closing),
                    "date_fin_exercice_timestamp": paris_timestamp(year.closing),
                }
                for year in years
            ]
        }
    )


def _entreprise(company: Company, accounts: Finances) -> dict:
    """Return the taxpayer block of the returns: identity and corporate-tax obligation."""
    start = paris_iso(company.created_on)
    return {
        "denomination": company.raison_sociale,
        "itip": accounts.tax_file_number,
        "setOcfis": {
            "codeNace": company.naf,
            "codeObf": "IS",
            "dateDebut": start,
            "dateDebutPourAttestationRegularite": start,
            "nbRof": "0",
            "numOcfi": accounts.tax_office_number,
            "ROF": "IS1",
            "regime": "RN" if accounts.real_normal else "RSI",
            "texteExploitation": upper_ascii(company.naf_label),
        },
        "siren": company.siren,
    }


def _declaration(form: str, year: FiscalYear) -> dict:
    """Return one filed form; DGFIP gives a lone datum as an object, several as an array."""
    donnees = [
        {"code_nref": nref, "valeur": str(getattr(year, BOX_VALUES[box]))}
        for box, (_, _, nref, _) in tables.LIASSE_BOXES[form].items()
    ]
    return {
        "code_regime": "RN" if year.turnover >= REAL_NORMAL_THRESHOLD else "RS",
        "date_declaration": year.filed_on.isoformat(),
        "fin_exercice": year.closing.isoformat(),
        "duree_exercice": f"{year.days} jours",
        "millesime": _form_version(year.closing.year),
        "numero_imprime": form,
        "imprime": {"donnees": donnees[0] if len(donnees) == 1 else donnees},
    }


def _declarations(call: Call) -> dict:
    """Return the returns of the year ``annee`` (the financial year closing in it)."""
    siren, year = call.path_params["siren"], int(call.path_params["annee"])
    accounts = world.finances(siren, call.today)
    fiscal_year = accounts.year_closing_in(year) if accounts.subject_to_is else None
    if call.scenario == scenarios.DGFIP_NOT_SUBJECT_TO_IS or fiscal_year is None:
        raise ApiError("dgfip_potential_not_found")
    return {
        "entreprise": _entreprise(world.company_at(siren, call.today), accounts),
        "declarations": [_declaration(form, fiscal_year) for form in tables.LIASSE_BOXES],
    }


def _dictionary(call: Call) -> list:
    """Return the dictionary of the forms of year ``annee``: what each NREF code means."""
    year = int(call.path_params["annee"])
    if not tables.FIRST_LIASSE_YEAR <= year < call.today.year:
        raise ApiError("dgfip_potential_not_found")
    return [
        {
            "numero_imprime": form,
            "millesimes": {
                "millesime": _form_version(year),
                "statut_version": "V",
                "declaration": [
                    {"code_absolu": absolute, "code_EDI": edi, "code": box, "intitule": label, "code_nref": nref}
                    for box, (absolute, edi, nref, label) in boxes.items()
                ],
            },
        }
        for form, boxes in tables.LIASSE_BOXES.items()
    ]


def liasses_declarations(call: Call) -> Reply:
    """Render ``/v2/liasses_fiscales_dgfip/{annee}/declarations/{siren}``."""
    return Reply(_declarations(call))


def liasses_dictionnaire(call: Call) -> Reply:
    """Render ``/v2/liasses_fiscales_dgfip/{annee}/dictionnaire``."""
    return Reply({"dictionnaire": _dictionary(call)})


def liasses_complete(call: Call) -> Reply:
    """Render ``/v2/liasses_fiscales_dgfip/{annee}/complete/{siren}``: the returns and their dictionary."""
    return Reply({**_declarations(call), "dictionnaire": _dictionary(call)})
