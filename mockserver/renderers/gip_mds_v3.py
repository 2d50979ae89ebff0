"""``/v3/gip_mds/...``: the GIP-MDS's yearly and monthly headcounts, and v2's ACOSS COVID twins.

The figures are ``world.gip_mds``'s. v3 lists both regimes (the one an employer does not
declare under has a null value) for the nature asked with ``nature_effectif``; ``profondeur``
adds the months before the one asked. v2's ACOSS COVID routes gave the one average as a
string with two decimals, the yearly one for the last complete year.
"""

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.renderers.current import resource
from mockserver.rules.errors import ApiError
from mockserver.world.gip_mds import NATURES

DEFAULT_NATURE = "moyen"


def _nature(call: Call) -> str:
    """Return the nature of headcount asked for: ``nature_effectif``, ``moyen`` by default."""
    value = call.args.get("nature_effectif") or DEFAULT_NATURE
    return value if value in NATURES else DEFAULT_NATURE


def _day(value) -> str | None:
    """Return a day in ISO, or None."""
    return value.isoformat() if value else None


def effectifs_annuels(call: Call) -> Reply:
    """Render ``/v3/gip_mds/unites_legales/{siren}/effectifs_annuels/{year}``."""
    siren, year = call.path_params["siren"], call.path_params["year"]
    nature = _nature(call)
    figures = world.yearly_headcounts(siren, int(year), nature, call.today)
    if figures is None:
        raise ApiError("not_found")
    rows = [
        {
            "regime": figure.regime,
            "value": figure.value,
            "nature": f"effectif_{nature}_annuel",
            "date_derniere_mise_a_jour": _day(figure.updated_on),
        }
        for figure in figures
    ]
    return resource({"siren": siren, "annee": year, "effectifs_annuel": rows})


def effectifs_mensuels(call: Call) -> Reply:
    """Render ``/v3/gip_mds/etablissements/{siret}/effectifs_mensuels/{month}/annee/{year}``."""
    siret = call.path_params["siret"]
    year, month = int(call.path_params["year"]), int(call.path_params["month"])
    nature = _nature(call)
    depth = int(call.args.get("profondeur") or 0)
    figures = world.monthly_headcounts(siret, year, month, depth, nature, call.today)
    if figures is None:
        raise ApiError("not_found")
    rows = [
        {
            "regime": figure.regime,
            "annee": str(y),
            "mois": f"{m:02d}",
            "nature": f"effectif_{nature}_mensuel",
            "value": figure.value,
            "date_derniere_mise_a_jour": _day(figure.updated_on),
        }
        for y, m, figure in figures
    ]
    return resource({"siret": siret, "effectifs_mensuels": rows})


def _total(figures) -> str:
    """Return the regimes' figures summed, as v2 wrote them: a string with two decimals."""
    return f"{sum(f.value for f in figures if f.value is not None):.2f}"


def effectifs_annuels_acoss_covid(call: Call) -> Reply:
    """Render ``/v2/effectifs_annuels_acoss_covid/{siren}``: the average of the last complete year."""
    siren = call.path_params["siren"]
    year = call.today.year - 1
    figures = world.yearly_headcounts(siren, year, DEFAULT_NATURE, call.today)
    if figures is None:
        raise ApiError("not_found")
    return Reply({"siren": siren, "annee": str(year), "effectifs_annuels": _total(figures)})


def effectifs_mensuels_acoss_covid_entreprise(call: Call) -> Reply:
    """Render ``/v2/effectifs_mensuels_acoss_covid/{annee}/{mois}/entreprise/{siren}``."""
    siren, year, month = call.path_params["siren"], call.path_params["annee"], call.path_params["mois"]
    average = world.company_monthly_headcount(siren, int(year), int(month), call.today)
    if average is None:
        raise ApiError("not_found")
    return Reply({"siren": siren, "annee": year, "mois": month, "effectifs_mensuels": f"{average:.2f}"})


def effectifs_mensuels_acoss_covid_etablissement(call: Call) -> Reply:
    """Render ``/v2/effectifs_mensuels_acoss_covid/{annee}/{mois}/etablissement/{siret}``."""
    siret, year, month = call.path_params["siret"], call.path_params["annee"], call.path_params["mois"]
    figures = world.monthly_headcounts(siret, int(year), int(month), 0, DEFAULT_NATURE, call.today)
    if figures is None:
        raise ApiError("not_found")
    total = _total([figure for _, _, figure in figures])
    return Reply({"siret": siret, "annee": year, "mois": month, "effectifs_mensuels": total})
