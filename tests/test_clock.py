"""The world's instant: read from X-Mock-Clock, a pinned clock or today in Paris, and every answer dated by it."""

import io
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader

from mockserver import clock, world
from mockserver.config import DEFAULT_SECRET, Settings
from mockserver.http.app import create_app
from mockserver.rules.auth import preset_token

from .helpers import REAL_TODAY, TRACEABILITY

# A day the suite did not pin, far from the history's end; and the instant in the past.
LATER = date(2026, 12, 7)
PAST = "2023-03-15T12:00:00+01:00"
# An employer liable to corporate tax (SAS, 200-249 staff), registered since 1960, active.
EMPLOYER = "313066359"
# Created 2024-12-04 (after PAST); ceased 2024-07-16 (after PAST), registered.
CREATED_LATER = "301187852"
CEASED_LATER = "302534086"


@pytest.fixture
def later(monkeypatch):
    """Make today LATER in Paris."""
    monkeypatch.setattr(clock, "today", lambda: LATER)


@pytest.fixture
def sandbox(later):
    """A fresh sandbox's client, today LATER."""
    return create_app(Settings(rate_limit_factor=0)).test_client()


@pytest.fixture
def read(sandbox):
    """GET a route as a client of a fresh sandbox, today LATER; return the status and the JSON."""
    client = sandbox
    token = preset_token("default", DEFAULT_SECRET)

    def call(path, at=None):
        headers = {"Authorization": f"Bearer {token}", **({"X-Mock-Clock": at} if at else {})}
        response = client.get(path, query_string=TRACEABILITY, headers=headers)
        return response.status_code, response.json

    return call


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01:30", datetime(2024, 1, 15, 1, 30, tzinfo=clock.PARIS)),
        ("2023-03-15", datetime(2023, 3, 15, 12, 0, tzinfo=clock.PARIS)),
        (" 2023-03-15T08:00:00 ", datetime(2023, 3, 15, 8, 0, tzinfo=clock.PARIS)),
        ("2023-03-15T08:00:00+00:00", datetime(2023, 3, 15, 9, 0, tzinfo=clock.PARIS)),
        ("1900-01-01", datetime(1900, 1, 1, 12, 0, tzinfo=clock.PARIS)),
        ("2100-12-31T23:00:00+01:00", datetime(2100, 12, 31, 23, 0, tzinfo=clock.PARIS)),
    ],
)
def test_a_clock_is_a_paris_time_on_the_day_a_date_at_noon_or_an_instant(text, expected):
    assert clock.parse(text, date(2024, 1, 15)) == expected


@pytest.mark.parametrize(
    "text", ["", "garbage", "25:00", "2023-02-30", "1899-12-31", "2101-01-01", "2100-12-31T23:30-01:00"]
)
def test_a_clock_outside_1900_2100_or_no_clock_at_all_is_refused(text):
    with pytest.raises(ValueError):
        clock.parse(text, date(2024, 1, 15))


def test_today_is_the_paris_day_and_turns_at_paris_midnight(monkeypatch):
    monkeypatch.setattr(clock, "_today", (date.min, 0.0))
    midnight = datetime(2026, 12, 8, tzinfo=clock.PARIS).timestamp()
    for now, day in [(midnight - 1, date(2026, 12, 7)), (midnight, date(2026, 12, 8))]:
        monkeypatch.setattr(clock.wall, "time", lambda now=now: now)
        assert REAL_TODAY() == day


def test_without_a_pin_the_instant_is_today_in_paris_at_noon(later):
    assert clock.default_instant("") == datetime(2026, 12, 7, 12, 0, tzinfo=clock.PARIS)
    assert clock.default_instant("2024-01-15") == datetime(2024, 1, 15, 12, 0, tzinfo=clock.PARIS)


@pytest.mark.parametrize("value", ["1899-12-31", "2101-01-01T00:00:00+01:00", "garbage", "31/12/2024", "99:99"])
def test_a_header_that_is_no_instant_of_1900_2100_is_400_99007_never_a_500(read, value):
    status, body = read(f"/v3/insee/sirene/unites_legales/{EMPLOYER}", at=value)
    assert (status, body["errors"][0]["code"]) == (400, "99007")


@pytest.mark.parametrize("value", ["1899-12-31", "garbage", "2024-13-01"])
def test_a_pinned_clock_that_is_no_instant_is_a_settings_error(value):
    with pytest.raises(ValueError, match="MOCKSERVER_CLOCK / --clock"):
        Settings.from_env({"MOCKSERVER_CLOCK": value})


def test_with_no_header_today_answers_are_dated_today(read):
    siret = world.company(EMPLOYER).siege_siret
    status, urssaf = read(f"/v4/urssaf/unites_legales/{EMPLOYER}/attestation_vigilance")
    assert status == 200
    assert urssaf["data"]["date_debut_validite"] <= LATER.isoformat() <= urssaf["data"]["date_fin_validite"]
    dgfip = read(f"/v4/dgfip/unites_legales/{EMPLOYER}/attestation_fiscale")[1]["data"]
    assert dgfip["date_delivrance_attestation"] == LATER.isoformat()
    assert read(f"/v3/infogreffe/rcs/unites_legales/{EMPLOYER}/extrait_kbis")[1]["data"]["date_extrait"] == "2026-12-07"
    # Last month's monthly headcount and last year's annual one; this month's and next year's are not there yet.
    assert read(f"/v3/gip_mds/etablissements/{siret}/effectifs_mensuels/11/annee/2026")[0] == 200
    assert read(f"/v3/gip_mds/unites_legales/{EMPLOYER}/effectifs_annuels/2025")[0] == 200
    assert read(f"/v3/gip_mds/etablissements/{siret}/effectifs_mensuels/12/annee/2026")[0] == 404
    status, body = read(f"/v3/gip_mds/unites_legales/{EMPLOYER}/effectifs_annuels/2027")
    assert (status, body["errors"][0]["code"]) == (422, "00307")
    turnover = read(f"/v3/dgfip/etablissements/{siret}/chiffres_affaires")[1]["data"]
    latest = date.fromisoformat(turnover[0]["data"]["date_fin_exercice"])
    assert LATER - timedelta(days=548) <= latest <= LATER


def test_at_a_past_instant_documents_are_dated_then_and_later_facts_are_not_there(read):
    siret = world.company(EMPLOYER).siege_siret
    urssaf = read(f"/v4/urssaf/unites_legales/{EMPLOYER}/attestation_vigilance", PAST)[1]["data"]
    assert urssaf["date_debut_validite"] == "2023-03-15" < urssaf["date_fin_validite"]
    dgfip = read(f"/v4/dgfip/unites_legales/{EMPLOYER}/attestation_fiscale", PAST)[1]["data"]
    assert (dgfip["date_delivrance_attestation"], dgfip["date_periode_analysee"]) == ("2023-03-15", "2023-02-28")
    assert read(f"/v3/infogreffe/rcs/unites_legales/{EMPLOYER}/extrait_kbis", PAST)[1]["data"]["date_extrait"] == (
        "2023-03-15"
    )
    closings = [
        y["data"]["date_fin_exercice"]
        for y in read(f"/v3/dgfip/etablissements/{siret}/chiffres_affaires", PAST)[1]["data"]
    ]
    assert closings and max(closings) < "2023-03-15"
    # This year is a valid year with no figures yet; next year is no valid year (production's ValidateYear).
    assert read(f"/v3/gip_mds/unites_legales/{EMPLOYER}/effectifs_annuels/2022", PAST)[0] == 200
    assert read(f"/v3/gip_mds/unites_legales/{EMPLOYER}/effectifs_annuels/2023", PAST)[0] == 404
    assert read(f"/v3/gip_mds/unites_legales/{EMPLOYER}/effectifs_annuels/2024", PAST)[0] == 422


def test_a_company_created_after_the_instant_is_unknown_and_known_once_created(read):
    assert world.company(CREATED_LATER).created_on == date(2024, 12, 4)
    for path in (f"/v3/insee/sirene/unites_legales/{CREATED_LATER}", f"/v2/entreprises/{CREATED_LATER}"):
        assert read(path, PAST)[0] == 404
        assert read(path, "2024-12-03")[0] == 404
        assert read(path, "2024-12-04")[0] == 200
        assert read(path)[0] == 200


def test_a_company_closed_after_the_instant_is_active_until_it_closes(read):
    assert world.company(CEASED_LATER).ceased_on == date(2024, 7, 16)
    path = f"/v3/insee/sirene/unites_legales/{CEASED_LATER}"
    assert read(path, PAST)[1]["data"]["etat_administratif"] == "A"
    assert read(path, "2024-07-15")[1]["data"]["etat_administratif"] == "A"
    assert read(path, "2024-07-16")[1]["data"]["etat_administratif"] == "C"
    kbis = f"/v3/infogreffe/rcs/unites_legales/{CEASED_LATER}/extrait_kbis"
    assert read(kbis, PAST)[1]["data"]["date_radiation"] is None
    assert read(kbis)[1]["data"]["date_radiation"] == "2024-07-16"
    assert read(f"/v4/urssaf/unites_legales/{CEASED_LATER}/attestation_vigilance", PAST)[0] == 200
    assert read(f"/v4/urssaf/unites_legales/{CEASED_LATER}/attestation_vigilance")[0] == 404


def test_a_pinned_setting_moves_the_world_and_a_header_still_wins(later):
    client = create_app(Settings(rate_limit_factor=0, clock="2024-01-15")).test_client()
    token = preset_token("default", DEFAULT_SECRET)
    path = f"/v4/dgfip/unites_legales/{EMPLOYER}/attestation_fiscale"
    headers = {"Authorization": f"Bearer {token}"}

    def delivered(**extra):
        response = client.get(path, query_string=TRACEABILITY, headers={**headers, **extra})
        return response.json["data"]["date_delivrance_attestation"]

    assert delivered() == "2024-01-15"
    assert delivered(**{"X-Mock-Clock": "2023-03-15"}) == "2023-03-15"
    # A time alone is a time of the pinned day.
    assert delivered(**{"X-Mock-Clock": "09:00"}) == "2024-01-15"


def test_the_admin_api_pins_the_clock_until_reset_and_replayed_answers_follow_it(later):
    client = create_app(Settings(rate_limit_factor=0)).test_client()
    token = preset_token("default", DEFAULT_SECRET)
    path = f"/v3/infogreffe/rcs/unites_legales/{EMPLOYER}/extrait_kbis"

    def extracted():
        response = client.get(path, query_string=TRACEABILITY, headers={"Authorization": f"Bearer {token}"})
        return response.json["data"]["date_extrait"]

    # Asked three times: the third answer is the replay layer's.
    assert [extracted() for _ in range(3)] == ["2026-12-07"] * 3
    pinned = client.post("/__admin/clock", json={"clock": "2024-01-15"})
    assert pinned.json == {"clock": "2024-01-15T12:00:00+01:00", "pinned": "2024-01-15"}
    assert [extracted() for _ in range(3)] == ["2024-01-15"] * 3
    assert client.get("/__admin/clock").json["clock"] == "2024-01-15T12:00:00+01:00"
    assert client.post("/__admin/reset").status_code == 204
    assert client.get("/__admin/clock").json == {"clock": "2026-12-07T12:00:00+01:00", "pinned": None}
    assert extracted() == "2026-12-07"
    refused = client.post("/__admin/clock", json={"clock": "1899-12-31"})
    assert refused.status_code == 400 and "entre 1900 et 2100" in refused.json["errors"][0]
    assert client.post("/__admin/clock", json={"clock": 2024}).status_code == 400


def test_a_document_is_dated_the_day_of_its_call_not_the_day_it_is_downloaded(sandbox, read):
    url = read(f"/v4/dgfip/unites_legales/{EMPLOYER}/attestation_fiscale", PAST)[1]["data"]["document_url"]
    pdf = PdfReader(io.BytesIO(sandbox.get(urlsplit(url).path).data))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "15/03/2023" in text and "07/12/2026" not in text
    assert pdf.metadata["/CreationDate"].startswith("D:20230315")


@pytest.mark.parametrize(
    ("at", "year", "status"),
    [
        # Filed by then; the last closed year not filed yet (the provider's 404); the instant's year and after: 422.
        (PAST, 2021, 200),
        (PAST, 2022, 404),
        (PAST, 2023, 422),
        (None, 2025, 200),
        (None, 2026, 422),
    ],
)
def test_the_liasses_are_those_of_the_years_filed_before_the_instant(read, at, year, status):
    assert read(f"/v3/dgfip/unites_legales/{EMPLOYER}/liasses_fiscales/{year}", at)[0] == status


def test_insees_headcount_band_is_dated_with_its_lag_behind_the_instant(read):
    def reference(at=None):
        return int(
            read(f"/v3/insee/sirene/unites_legales/{EMPLOYER}", at)[1]["data"]["tranche_effectif_salarie"][
                "date_reference"
            ]
        )

    assert LATER.year - reference() == 2023 - reference(PAST) in (2, 3)
