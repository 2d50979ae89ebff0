"""Requests no route answered are journalled with the nearest catalogue route and why they missed it."""

import time

import pytest

from mockserver.http import near_miss as near_miss_module
from mockserver.http.near_miss import near_miss

UNITE_LEGALE = ("api_entreprise_v3_insee_unites_legales", "/v3/insee/sirene/unites_legales/{siren}")


@pytest.mark.parametrize(
    ("method", "path", "route", "mismatch", "reason"),
    [
        ("POST", "/v3/insee/sirene/unites_legales/418166096", UNITE_LEGALE, "method", None),
        (
            "GET",
            "/v3/insee/sirene/unite_legales/418166096",
            UNITE_LEGALE,
            "path_segment",
            "segment 'unite_legales' should be 'unites_legales'",
        ),
        (
            "GET",
            "/v4/infogreffe/rcs/unites_legales/418166096/extrait_kbis",
            ("api_entreprise_v3_infogreffe_extraits_rcs", "/v3/infogreffe/rcs/unites_legales/{siren}/extrait_kbis"),
            "version",
            "the route is served in v3, not v4",
        ),
        (
            "GET",
            "/v3/dgfip/unites_legales/418166096/liasses_fiscales",
            ("api_entreprise_v3_dgfip_liasses_fiscales", "/v3/dgfip/unites_legales/{siren}/liasses_fiscales/{year}"),
            "missing_parameter",
            "the path lacks its {year} parameter",
        ),
        ("GET", "/v2/entreprises/", ("entreprises", "/v2/entreprises/{siren}"), "missing_parameter", None),
        (
            "GET",
            "/v2/entreprises/418166096/",
            ("entreprises", "/v2/entreprises/{siren}"),
            "path",
            "the route's path takes no trailing slash",
        ),
        (
            "GET",
            "/v3/insee/sirene/unites_legales/418166096/siege_social/adresse",
            ("api_entreprise_v3_insee_sieges_unites_legales", "/v3/insee/sirene/unites_legales/{siren}/siege_social"),
            "path",
            "'adresse' follows the route's path",
        ),
    ],
)
def test_the_nearest_route_and_why_it_missed(method, path, route, mismatch, reason):
    near = near_miss(method, path)
    assert (near["endpoint"], near["path"], near["mismatch"]) == (*route, mismatch)
    if reason:
        assert near["reason"] == reason


def test_a_wrong_method_says_which_method_the_route_answers():
    assert near_miss("POST", "/v3/insee/sirene/unites_legales/418166096")["reason"] == "the route answers GET, not POST"


@pytest.mark.parametrize("path", ["/favicon.ico", "/v3/insee/sirene/foo/bar/baz/418166096", "/robots.txt"])
def test_a_path_near_no_route_has_no_near_miss(path):
    assert near_miss("GET", path) is None


def test_an_unknown_url_is_journalled_with_its_near_miss(client, token):
    response = client.get(
        "/v3/insee/sirene/unite_legales/418166096?context=x&token=secret", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 404
    (entry,) = client.get("/__admin/requests").json["requests"]
    assert (entry["method"], entry["path"], entry["status"], entry["endpoint"]) == (
        "GET",
        "/v3/insee/sirene/unite_legales/418166096",
        404,
        None,
    )
    assert entry["params"] == {"context": ["x"], "token": ["[masqué]"]}
    assert entry["near_miss"] == {
        "endpoint": "api_entreprise_v3_insee_unites_legales",
        "path": "/v3/insee/sirene/unites_legales/{siren}",
        "mismatch": "path_segment",
        "reason": "segment 'unite_legales' should be 'unites_legales'",
    }
    (violation,) = entry["violations"]
    assert violation["rule"] == "unknown_route"
    assert violation["real_answer"] == {"status": 404, "body": response.json}


def test_a_wrong_method_is_journalled_as_a_405_near_miss(client):
    assert client.delete("/v2/privileges").status_code == 405
    (entry,) = client.get("/__admin/requests").json["requests"]
    assert (entry["status"], entry["near_miss"]["mismatch"], entry["near_miss"]["endpoint"]) == (
        405,
        "method",
        "privileges",
    )


def test_a_far_url_is_journalled_without_a_near_miss(client):
    client.get("/favicon.ico")
    (entry,) = client.get("/__admin/requests").json["requests"]
    assert entry["near_miss"] is None
    assert entry["violations"][0]["detail"] == "no catalogue route is near this path"


def test_misses_on_the_sandbox_own_paths_stay_out_of_the_journal(client):
    assert client.get("/__admin/nope").status_code == 404
    assert client.get("/__admin/requests").json["requests"] == []


def test_matched_requests_carry_no_near_miss(get, client):
    get("/v2/entreprises/418166096")
    (entry,) = client.get("/__admin/requests").json["requests"]
    assert "near_miss" not in entry


# Paths a client can send without a token, each 64,000 characters long: one long segment where the
# catalogue has a literal one, a parameter or a version, and thousands of short segments.
LONG_PATHS = {
    "segment after a version": "/v3/" + "x" * 64_000,
    "segment in place of a parameter": "/v3/insee/sirene/unites_legales/" + "a" * 64_000,
    "first segment": "/" + "a" * 64_000,
    "many segments": "/" + "/".join(["abc"] * 16_000),
}


@pytest.mark.parametrize("path", LONG_PATHS.values(), ids=LONG_PATHS)
def test_a_long_unmatched_path_costs_work_bounded_by_the_catalogue(path, monkeypatch):
    compared = []
    real = near_miss_module.difflib.SequenceMatcher

    def recording(junk, asked, expected):
        compared.append((len(asked), len(expected)))
        return real(junk, asked, expected)

    monkeypatch.setattr(near_miss_module.difflib, "SequenceMatcher", recording)
    near_miss("GET", path)
    # A segment this much longer than the route's cannot be MIN_LIKENESS alike: it is never compared.
    longest = (2 / near_miss_module.MIN_LIKENESS - 1) * max((expected for _, expected in compared), default=0)
    assert all(asked <= longest for asked, _ in compared)


@pytest.mark.parametrize("path", LONG_PATHS.values(), ids=LONG_PATHS)
def test_a_long_unmatched_path_answers_in_a_few_milliseconds(path):
    # Best of three CPU times, so that another process on the machine does not decide it.
    spent = []
    for _ in range(3):
        started = time.process_time()
        near_miss("GET", path)
        spent.append(time.process_time() - started)
    assert min(spent) < 0.05
