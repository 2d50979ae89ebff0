"""The facts production's staging files show of their identifiers are events of those entities' timelines.

A figure, a declaration or a decision a file dates is shown from its day on, never before: asked at an
instant before it, the route answers as the provider did then (no figure yet, no declaration yet).
"""

from datetime import date

import pytest

from mockserver.world import curated
from mockserver.world.carif_oref import Accreditation, Declaration, TrainingProvider

ANNUAL = "/v3/gip_mds/unites_legales/130025265/effectifs_annuels/{year}"
MONTHLY = "/v3/gip_mds/etablissements/13002526500013/effectifs_mensuels/{month}/annee/{year}"
QUALIOPI = "/v3/carif_oref/etablissements/30613890001294/certifications_qualiopi_france_competences"
QUALIFELEC = "/v3/qualifelec/etablissements/77567227221138/certificats"
DEPOSITS = "/v3/inpi/rne/unites_legales/open_data/130025265/actes_bilans"
GRANTS = "/v3/data_subvention/associations/W751234567/subventions"
SHEETS = "/v3/banque_de_france/unites_legales/552049447/bilans"


def _at(day: str) -> dict:
    """Return the header that asks the sandbox at noon, Paris time, of ``day``."""
    return {"X-Mock-Clock": f"{day}T12:00:00+02:00"}


def _figures(response) -> list[tuple]:
    """Return the (regime, value) pairs of a GIP-MDS answer."""
    rows = response.json["data"].get("effectifs_annuel") or response.json["data"]["effectifs_mensuels"]
    return [(row["regime"], row["value"]) for row in rows]


@pytest.mark.parametrize(
    ("path", "params", "day", "figures"),
    [
        (ANNUAL.format(year=2022), {}, "2022-01-02", [("regime_general", 12)]),
        # Of 2023, the agricultural figure comes on 2023-02-09, its empty row on 2023-05-09.
        (ANNUAL.format(year=2023), {}, "2023-01-02", [("regime_general", 13)]),
        (ANNUAL.format(year=2023), {}, "2023-02-10", [("regime_general", 13), ("regime_agricole", 12)]),
        (
            ANNUAL.format(year=2023),
            {},
            "2025-06-30",
            [("regime_general", 13), ("regime_agricole", None), ("regime_agricole", 12)],
        ),
        (ANNUAL.format(year=2024), {"nature_effectif": "boeth"}, "2024-01-02", [("regime_general", 3)]),
        # December 2022 was updated on 2023-07-10.
        (MONTHLY.format(month="12", year=2022), {}, "2023-07-09", None),
        (
            MONTHLY.format(month="12", year=2022),
            {},
            "2023-07-10",
            [("regime_agricole", None), ("regime_general", 12.66)],
        ),
    ],
)
def test_a_staging_figure_is_shown_from_its_update_day(v3, path, params, day, figures):
    response = v3(path, headers=_at(day), **params)
    if figures is None:
        assert response.status_code == 404, response.json
    else:
        assert response.status_code == 200, response.json
        assert _figures(response) == figures


@pytest.mark.parametrize(("day", "status"), [("2021-01-29", 404), ("2021-01-30", 200), ("2025-06-30", 200)])
def test_a_staging_declaration_of_activity_is_known_from_its_day(v3, day, status):
    response = v3(QUALIOPI, headers=_at(day))
    assert response.status_code == status
    if status == 200:
        assert response.json["data"]["declarations_activites_etablissement"][0]["date_derniere_declaration"] <= day


@pytest.mark.parametrize(
    ("day", "numbers"), [("2023-01-31", None), ("2023-02-01", [2840]), ("2023-08-01", [2840, 2841])]
)
def test_a_staging_certificate_is_shown_from_its_first_day(v3, day, numbers):
    response = v3(QUALIFELEC, headers=_at(day))
    if numbers is None:
        assert response.status_code == 404
    else:
        assert [item["data"]["numero"] for item in response.json["data"]] == numbers
        assert response.json["meta"] == {"count": None}


@pytest.mark.parametrize(
    ("day", "closings", "acts"),
    [
        ("2022-08-09", ["2020-12-31"], 0),
        ("2022-08-10", ["2021-12-31", "2020-12-31"], 0),
        ("2023-08-08", ["2022-12-31", "2021-12-31", "2020-12-31"], 1),
    ],
)
def test_a_staging_deposit_is_shown_from_its_deposit_day(v3, day, closings, acts):
    data = v3(DEPOSITS, headers=_at(day)).json["data"]
    assert [bilan["date_cloture"] for bilan in data["bilans"]] == closings
    assert len(data["actes"]) == acts


@pytest.mark.parametrize(("day", "payments"), [("2022-12-31", None), ("2023-07-14", []), ("2023-07-15", [10000])])
def test_a_staging_grant_request_and_its_payment_are_shown_from_their_days(v3, day, payments):
    response = v3(GRANTS, headers=_at(day))
    if payments is None:
        assert response.status_code == 404
    else:
        assert [payment["montant_verse"] for payment in response.json["data"][0]["data"]["paiements"]] == payments


@pytest.mark.parametrize(("day", "status"), [("2022-12-30", 404), ("2022-12-31", 200)])
def test_a_staging_balance_sheet_is_shown_from_its_closing_day(v3, day, status):
    response = v3(SHEETS, headers=_at(day))
    assert response.status_code == status
    if status == 200:
        assert [sheet["data"]["annee"] for sheet in response.json["data"]] == ["2022"]


def test_curated_facts_are_built_into_the_model_s_own_records():
    provider = curated.build(TrainingProvider, curated.provider_facts("carif_oref", "306138900")["30613890001294"])
    declaration, accreditation = provider.declarations[0], provider.accreditations[0]
    assert isinstance(declaration, Declaration) and isinstance(accreditation, Accreditation)
    assert declaration.declared_on == date(2021, 1, 30)
    assert declaration.qualiopi == (True, False, False, False)
    assert declaration.specialities[0] == ("313", "Finances, banque, assurances")
    assert accreditation.registered_until == date(2030, 1, 30)
    assert accreditation.certifiers == ("12345678901234",)


def test_a_fact_outside_the_model_is_refused():
    with pytest.raises(KeyError):
        curated.build(Accreditation, {"code": "RNCP1", "unknown": True})
