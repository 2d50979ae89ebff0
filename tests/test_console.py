"""The console's server side: the page, the route listing it reads, random draws and the try helper."""

import html
import random
import re
import shlex
from functools import partial
from html.parser import HTMLParser

import pytest

from mockserver import world
from mockserver.catalogue import BY_NAME, ENDPOINTS, families, sample_ids
from mockserver.config import Settings
from mockserver.http.app import create_app
from mockserver.rules import identifiers, scenarios

from .helpers import TODAY, TRACEABILITY

RULES = {
    **{kind: partial(identifiers.valid, kind, today=TODAY) for kind in identifiers.KINDS},
    "rna": identifiers.is_rna,
}
CATALOGUE_KINDS = sorted({kind for endpoint in ENDPOINTS for _, kind in endpoint.identifiers})


class PageText(HTMLParser):
    """Collect a page's text, its headings in order, and the labels and ids of its elements."""

    def __init__(self):
        super().__init__()
        self.text, self.headings, self.ids, self.label_targets = [], [], set(), set()
        self._heading = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "label" and "for" in attrs:
            self.label_targets.add(attrs["for"])
        if tag in ("h2", "h3"):
            self._heading = []

    def handle_endtag(self, tag):
        if tag in ("h2", "h3") and self._heading is not None:
            self.headings.append("".join(self._heading).strip())
            self._heading = None

    def handle_data(self, data):
        self.text.append(data)
        if self._heading is not None:
            self._heading.append(data)


def parse(html: str) -> PageText:
    page = PageText()
    page.feed(html)
    return page


def tried(client, path, query=None, headers=None):
    """Send a request through the try helper and return its report."""
    response = client.post("/__admin/try", json={"path": path, "query": query or {}, "headers": headers or {}})
    assert response.status_code == 200, response.json
    return response.json


@pytest.fixture
def bearer(token):
    return {"Authorization": f"Bearer {token}"}


# The page ---------------------------------------------------------------------------------


def test_page_shows_catalogue_tokens_and_scenarios(client, token):
    response = client.get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    page = parse(response.get_data(as_text=True))
    text = " ".join(page.text)
    for endpoint in ENDPOINTS:
        assert f"GET {endpoint.path}" in text
    assert token in text
    for scenario in scenarios.SCENARIOS.values():
        assert scenario.name in text
        for identifier in sum(scenario.reserved.values(), ()):
            assert identifier in text


def test_page_groups_routes_in_the_official_catalogue_order(client):
    page = parse(client.get("/").get_data(as_text=True))
    used = [label for family, label in families.FAMILIES.items() if any(e.family == family for e in ENDPOINTS)]
    shown = [heading for heading in page.headings if heading in families.FAMILIES.values()]
    assert shown == used


def test_every_form_control_of_the_page_has_a_label(client):
    html = client.get("/").get_data(as_text=True)
    page = parse(html)
    controls = set(re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', html))
    assert controls
    assert controls <= page.label_targets


@pytest.mark.parametrize(("asset", "mimetype"), [("console.js", "text/javascript"), ("console.css", "text/css")])
def test_page_assets_are_served_from_the_package(client, asset, mimetype):
    page = client.get("/").get_data(as_text=True)
    assert f"/__console/static/{asset}" in page
    response = client.get(f"/__console/static/{asset}")
    assert response.status_code == 200
    assert response.mimetype == mimetype


def test_page_says_whether_rate_limits_are_on(token):
    off = create_app(Settings(rate_limit_factor=0)).test_client().get("/").get_data(as_text=True)
    on = create_app(Settings(rate_limit_factor=1)).test_client().get("/").get_data(as_text=True)
    assert "désactivées" in off
    assert "désactivées" not in on and "250/min" in on


# The route listing -------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_every_catalogue_route_has_an_official_family(endpoint):
    # A new route lands in "non classées" until it has its line in families.ROUTE_FAMILIES.
    assert endpoint.name in families.ROUTE_FAMILIES, f"add {endpoint.name!r} to mockserver/catalogue/families.py"
    assert endpoint.family != families.UNCLASSIFIED


def test_listing_describes_what_the_form_needs(client):
    routes = {route["name"]: route for route in client.get("/__admin/routes").json["routes"]}
    assert set(routes) == {endpoint.name for endpoint in ENDPOINTS}
    for endpoint in ENDPOINTS:
        route = routes[endpoint.name]
        assert route["family"] == endpoint.family
        assert route["family_label"] == families.FAMILIES[endpoint.family]
        assert [(p["name"], p["kind"]) for p in route["path_parameters"]] == list(endpoint.identifiers)
        assert route["mandatory_parameters"] == (["context", "recipient", "object"] if endpoint.traceability else [])
    entreprises = routes["entreprises"]
    assert entreprises["query_options"] == [
        {"name": "error_format", "values": ["json_api"]},
        {"name": "non_diffusables", "values": ["true"]},
    ]
    assert entreprises["path_parameters"][0]["random"] == "/__admin/random/siren?route=entreprises"
    # A version the real API refuses answers no identifier: its draw is a plain one.
    refused = routes["api_entreprise_v4_insee_adresses_etablissements"]["path_parameters"][0]["random"]
    assert refused == "/__admin/random/siret"
    assert routes["privileges"]["mandatory_parameters"] == []


def test_listing_is_grouped_by_family_in_catalogue_order(client):
    order = list(families.FAMILIES)
    listed = [order.index(route["family"]) for route in client.get("/__admin/routes").json["routes"]]
    assert listed == sorted(listed)


@pytest.mark.parametrize(("factor", "expected"), [(0, None), (1, 250), (0.02, 5)])
def test_listing_gives_the_limit_in_force(factor, expected):
    client = create_app(Settings(rate_limit_factor=factor)).test_client()
    routes = {route["name"]: route for route in client.get("/__admin/routes").json["routes"]}
    assert routes["entreprises"]["rate_limit_per_minute"] == expected


def test_declared_options_change_the_answer(get):
    # The listing's options are the ones the pipeline reads.
    plain = get("/v2/entreprises/005572466")
    option = get("/v2/entreprises/005572466", params={"non_diffusables": "true", "error_format": "json_api"})
    assert (plain.status_code, option.status_code) == (451, 200)
    error = get("/v2/entreprises/123", params={"error_format": "json_api"})
    assert error.json["errors"][0]["code"] == "00301"


# Random identifiers ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted({*sample_ids.DRAWS, *CATALOGUE_KINDS, "siret_or_rna"}))
def test_drawn_identifiers_are_valid_and_not_reserved(client, kind):
    values = set()
    for _ in range(30):
        response = client.get(f"/__admin/random/{kind}")
        assert response.status_code == 200
        assert response.json["kind"] == kind
        value = response.json["value"]
        assert RULES[kind](value), value
        assert scenarios.reserved_scenario(value) is None
        values.add(value)
    assert len(values) > 1


def test_a_drawn_siret_is_the_head_office_of_its_company():
    rng = random.Random(8)
    for _ in range(20):
        siret = sample_ids.draw("siret", rng)
        assert world.company(siret[:9]).siege_siret == siret


def test_a_composite_kind_draws_each_of_its_parts():
    rng = random.Random(8)
    drawn = [sample_ids.draw("siret_or_rna", rng) for _ in range(40)]
    assert {len(value) for value in drawn} == {10, 14}


def test_draws_skip_reserved_identifiers(monkeypatch):
    # The first SIREN this seed draws, once reserved, must be skipped.
    first = sample_ids.draw("siren", random.Random(1))
    monkeypatch.setitem(scenarios.RESERVED, first, "not_found")
    assert sample_ids.draw("siren", random.Random(1)) != first


@pytest.mark.parametrize("kind", ["eori", "x", "_or_"])
def test_an_undrawable_kind_is_an_api_404(client, kind):
    response = client.get(f"/__admin/random/{kind}")
    assert response.status_code == 404
    assert response.json == {
        "errors": ["Aucun tirage possible pour ce type d'identifiant : voir path_parameters dans GET /__admin/routes"]
    }


def test_a_composite_kind_draws_from_its_drawable_parts_only(client):
    value = client.get("/__admin/random/siren_or_eori").json["value"]
    assert identifiers.is_siren(value)


# Draws for a route --------------------------------------------------------------------------

DRAWN_ROUTES = [e for e in ENDPOINTS if e.supported and e.identifiers]


@pytest.mark.parametrize("endpoint", DRAWN_ROUTES, ids=lambda e: e.name)
def test_a_route_draw_finds_identifiers_the_route_answers_200_for(get, endpoint):
    path_params = sample_ids.example(endpoint)
    assert path_params is not None
    response = get(endpoint.path.format(**path_params))
    assert response.status_code == 200, response.data[:300]
    assert sample_ids.example(endpoint) == path_params


def test_partial_data_sets_are_found_though_most_identifiers_miss(get):
    # The MSA knows farms only: the plain draw misses, the route's draw hits, every time.
    msa = "/v2/cotisations_msa/{}"
    rng = random.Random(3)
    plain = [get(msa.format(sample_ids.draw("siret", rng))).status_code for _ in range(20)]
    assert plain.count(404) > 10
    for seed in range(20):
        drawn = sample_ids.search(BY_NAME["cotisations_msa"], random.Random(seed))
        assert get(msa.format(drawn["siret"])).status_code == 200


def test_the_draw_route_answers_with_the_routes_parameters(client, get):
    url = "/__admin/random/year?route=api_entreprise_v3_dgfip_liasses_fiscales&seed=42"
    drawn = client.get(url).json
    assert client.get(url).json == drawn
    assert (drawn["kind"], drawn["route"], drawn["seed"]) == ("year", "api_entreprise_v3_dgfip_liasses_fiscales", "42")
    assert drawn["value"] == drawn["path_params"]["year"]
    siren, year = drawn["path_params"]["siren"], drawn["path_params"]["year"]
    assert get(f"/v3/dgfip/unites_legales/{siren}/liasses_fiscales/{year}").status_code == 200


def test_the_console_draw_for_a_route_gives_its_seed_to_replay_it(client):
    drawn = client.get("/__admin/random/siren?route=certificats_cnetp").json
    replayed = client.get(f"/__admin/random/siren?route=certificats_cnetp&seed={drawn['seed']}").json
    assert replayed == drawn


@pytest.mark.parametrize("query", ["route=no_such_route", "route=cotisations_msa", "route="])
def test_a_draw_for_a_route_without_that_kind_is_an_api_404(client, query):
    # cotisations_msa takes a SIRET, not a SIREN.
    response = client.get(f"/__admin/random/siren?{query}")
    assert response.status_code == 404
    assert response.json["errors"][0].startswith("route doit être le nom d'une route du catalogue")


def test_a_version_the_api_refuses_has_no_identifier_to_draw(client):
    response = client.get("/__admin/random/siret?route=api_entreprise_v4_insee_adresses_etablissements")
    assert response.status_code == 404
    assert response.json["errors"][0].startswith("Aucun des identifiants")


def test_a_search_that_finds_nothing_is_an_api_404(client, monkeypatch):
    monkeypatch.setattr(sample_ids, "SEARCH_DRAWS", 0)
    response = client.get("/__admin/random/siren?route=certificats_cnetp&seed=1")
    assert response.status_code == 404
    assert response.json == {
        "errors": [
            "Aucun des identifiants tirés n'obtient de réponse 200 de cette route : essayez une autre graine (seed)"
        ]
    }


@pytest.mark.parametrize("seed", ["", "x", "1" * 19, "-1"])
def test_a_malformed_seed_is_an_api_400(client, seed):
    response = client.get(f"/__admin/random/siren?route=certificats_cnetp&seed={seed}")
    assert response.status_code == 400


# The try helper ----------------------------------------------------------------------------


def test_try_reports_a_non_diffusible_answer(client, bearer):
    report = tried(client, "/v2/entreprises/005572466", TRACEABILITY, bearer)
    assert (report["status"], report["reason"]) == (451, "Unavailable For Legal Reasons")
    assert (
        report["url"] == "http://localhost/v2/entreprises/005572466?context=test&recipient=13002526500013&object=essai"
    )
    assert report["content_type"].startswith("application/json")
    assert "non diffusable" in report["body"]
    assert report["size"] == len(report["body"].encode())
    assert report["duration_ms"] >= 0


def test_try_sends_options_and_scenario_header(client, bearer):
    option = tried(client, "/v2/entreprises/005572466", {**TRACEABILITY, "non_diffusables": "true"}, bearer)
    assert option["status"] == 200
    assert '"diffusable_commercialement":false' in option["body"]
    outage = tried(
        client, "/v2/entreprises/418166096", TRACEABILITY, {**bearer, "X-Mock-Scenario": "provider_unavailable"}
    )
    assert outage["status"] == 503


def test_try_shows_a_redirect_instead_of_following_it(client, bearer):
    report = tried(client, "/v2/entreprises/999990047", TRACEABILITY, bearer)
    headers = dict(report["headers"])
    assert report["status"] == 301
    assert re.fullmatch(r"http://localhost/v2/entreprises/\d{9}\?context=test&.*", headers["Location"])
    assert report["body"].startswith("<html>")


def test_try_passes_rate_limit_headers(token):
    client = create_app(Settings(rate_limit_factor=0.004)).test_client()
    bearer = {"Authorization": f"Bearer {token}"}
    statuses = [tried(client, "/v2/entreprises/418166096", TRACEABILITY, bearer) for _ in range(3)]
    limited = next(report for report in statuses if report["status"] == 429)
    headers = dict(limited["headers"])
    assert headers["RateLimit-Limit"] == "1"
    assert headers["RateLimit-Remaining"] == "0"
    assert 1 <= int(headers["Retry-After"]) <= 60


def test_try_gives_the_equivalent_curl_command(client, bearer, token):
    headers = {**bearer, "X-Mock-Scenario": "not_found"}
    report = tried(client, "/v2/etablissements/41816609600069", {**TRACEABILITY, "context": "l'essai"}, headers)
    assert shlex.split(report["curl"]) == [
        "curl",
        "-i",
        "-H",
        f"Authorization: Bearer {token}",
        "-H",
        "X-Mock-Scenario: not_found",
        "http://localhost/v2/etablissements/41816609600069?context=l%27essai&recipient=13002526500013&object=essai",
    ]
    replayed = client.get(report["url"], headers=headers)
    assert replayed.status_code == report["status"] == 404


def test_try_requests_land_in_the_journal(client, bearer):
    client.delete("/__admin/requests")
    tried(client, "/v2/entreprises/999990070", TRACEABILITY, bearer)
    entries = client.get("/__admin/requests").json["requests"]
    assert [(e["path"], e["status"], e["scenario"]) for e in entries] == [
        ("/v2/entreprises/999990070", 503, "provider_unavailable")
    ]


def test_try_reaches_unknown_routes_and_missing_tokens(client):
    assert tried(client, "/v2/nulle_part")["status"] == 404
    assert tried(client, "/v2/entreprises/418166096", TRACEABILITY)["status"] == 401


@pytest.mark.parametrize(
    "body",
    [
        None,
        [],
        {},
        {"path": "v2/entreprises/418166096"},
        {"path": "//example.org/v2/entreprises/418166096"},
        {"path": "/v2/entreprises/418166096?context=x"},
        {"path": "/v2/privileges", "query": {"context": 1}},
        {"path": "/v2/privileges", "headers": {"X-Mock-Scenario": "nominal\r\nX-Injected: 1"}},
        {"path": "/v2/privileges", "headers": {"Bad Name": "x"}},
        {"path": "/v2/privileges", "method": "DELETE"},
    ],
)
def test_try_rejects_a_malformed_description_with_an_api_400(client, body):
    response = client.post("/__admin/try", json=body) if body is not None else client.post("/__admin/try", data="{")
    assert response.status_code == 400
    assert response.json["errors"][0].startswith("Le corps doit être un objet JSON")


def test_try_only_accepts_post(client):
    assert client.get("/__admin/try").status_code == 405


def test_every_scenario_preset_and_rule_has_its_french_words():
    from mockserver.http.console import french
    from mockserver.http.violations import RULES as CONTRACT_RULES
    from mockserver.rules.auth import load_presets

    assert set(french.SCENARIOS) == set(scenarios.SCENARIOS)
    assert set(french.PRESETS) == set(load_presets())
    assert set(french.RULES) == set(CONTRACT_RULES)


def test_the_page_shows_the_french_descriptions_and_no_english_one(client):
    from mockserver.http.console import french
    from mockserver.rules.auth import load_presets

    page = html.unescape(client.get("/").get_data(as_text=True))
    assert 'lang="en"' not in page
    for name, row in scenarios.SCENARIOS.items():
        assert french.SCENARIOS[name] in page and row.description not in page
    for name, preset in load_presets().items():
        assert french.PRESETS[name] in page and preset["description"] not in page


def test_the_listing_names_every_scenario_a_route_plays_the_rate_limit_included(client):
    listed = {route["name"]: set(route["scenarios"]) for route in client.get("/__admin/routes").json["routes"]}
    assert listed == {endpoint.name: set(endpoint.all_scenarios) for endpoint in ENDPOINTS}
    throttled = {endpoint.name for endpoint in ENDPOINTS if endpoint.rate_group}
    assert throttled and {name for name, played in listed.items() if "rate_limited" in played} == throttled


@pytest.mark.parametrize("path", ["/", "/__console/static/console.js", "/__console/static/console.css"])
def test_the_console_forbids_framing_and_anything_not_its_own(client, path):
    headers = client.get(path).headers
    # Framed by another site, the console's buttons could be clicked through a decoy (clickjacking).
    assert headers["X-Frame-Options"] == "DENY"
    policy = dict(directive.strip().split(" ", 1) for directive in headers["Content-Security-Policy"].split(";"))
    assert policy["frame-ancestors"] == "'none'"
    assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'" and policy["base-uri"] == "'none'"
    # Only the console's own files run and style it: no inline script or style is allowed.
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"


def test_the_console_page_holds_nothing_its_policy_forbids(client):
    page = client.get("/").get_data(as_text=True)
    # A script is a file of its own; a JSON data block is data, which the policy leaves alone.
    assert re.findall(r'<script(?![^>]*\s(?:src=|type="application/json"))', page) == []
    assert not re.search(r"<style|\sstyle=|\son[a-z]+=|javascript:", page)
