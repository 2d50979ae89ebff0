"""Catalogue requests dispatched below Flask get its answers: same bytes, headers, journal; the rest goes to Flask."""

import gc
import re

import pytest
from flask import Flask, Response, request, url_for
from werkzeug.datastructures import Headers
from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, Rule
from werkzeug.test import Client, EnvironBuilder
from werkzeug.wrappers import Request as BaseRequest

from mockserver.catalogue import ENDPOINTS
from mockserver.config import DEFAULT_SECRET, Settings
from mockserver.http import responses
from mockserver.http.app import create_app
from mockserver.http.dispatch import LiteralRoutes
from mockserver.http.exchanges import JournalWriter
from mockserver.http.pipeline import client_address
from mockserver.http.routing import FORMAT_IN_PATH, FORMAT_SUFFIX, NORMALISED, route_as_production, routed_path
from mockserver.rules.auth import preset_token
from mockserver.state.journal import JournalEntry

from .helpers import TRACEABILITY, steady_headers

TOKEN = preset_token("default", DEFAULT_SECRET)
AUTH = {"Authorization": f"Bearer {TOKEN}"}
V3 = {**TRACEABILITY, "recipient": "13002526500013"}
# (method, path, query, headers, whether the layer answers it without Flask).
REQUESTS = [
    ("GET", "/v2/entreprises/418166096", TRACEABILITY, AUTH, True),
    ("GET", "/v3/insee/sirene/unites_legales/418166096", V3, AUTH, True),
    ("GET", "/v3/insee/sirene/unites_legales/300000034", V3, AUTH, True),  # a generated company
    ("GET", "/v3/insee/sirene/etablissements/41816609600051", V3, AUTH, True),
    ("GET", "/v3/insee/sirene/unites_legales/418166097", V3, AUTH, True),  # 422: fails Luhn
    ("GET", "/v3/insee/sirene/unites_legales/418166096", V3, {**AUTH, "X-Mock-Scenario": "not_found"}, True),
    ("GET", "/v3/insee/sirene/unites_legales/418166096", V3, {**AUTH, "X-Mock-Scenario": "no_such"}, True),
    ("GET", "/v2/entreprises/418166096", TRACEABILITY, {**AUTH, "Prefer": "code=502"}, True),
    ("GET", "/v2/entreprises/418166096", {"context": "c"}, AUTH, True),  # 422: traceability missing
    ("GET", "/v3/insee/sirene/unites_legales/418166096", {**V3, "token": TOKEN}, {}, True),  # token in query
    ("GET", "/v2/entreprises/418166096", TRACEABILITY, {"Authorization": "Bearer not-a-token"}, True),
    ("GET", "/v2/entreprises/418166096", TRACEABILITY, {}, True),  # no token
    ("GET", "//v3/insee/sirene/unites_legales/418166096", V3, AUTH, True),  # leading slashes, as Werkzeug strips them
    ("GET", "/v3/insee/sirene/unites_legales/418166096", V3, {**AUTH, "X-Forwarded-For": "10.1.2.3"}, True),
    ("GET", "/v3/insee/sirene/unites_legales/418166096", V3, {**AUTH, "Host": "bad_host"}, False),  # 400
    ("HEAD", "/v3/insee/sirene/unites_legales/418166096", V3, AUTH, False),
    ("POST", "/v3/insee/sirene/unites_legales/418166096", V3, AUTH, False),  # 405
    ("GET", "/v3/insee/sirene/unites_legales/418166096/", V3, AUTH, True),  # routed as production: unthrottled
    ("GET", "/v3/insee/sirene/unites_legales/418166096/siege", V3, AUTH, False),  # no route: a near miss
    ("GET", "/v3/insee/sirene/unites_legales/418166096.json", V3, AUTH, True),
    ("GET", "/v3/insee/sirene/unites_legales/418166096", V3, {**AUTH, "If-None-Match": 'W/"0"'}, True),
    ("GET", "/v7/insee/sirene/unites_legales/418166096", V3, AUTH, False),  # a version refused (00402)
    ("GET", "/v3/ping", {}, {}, False),
    ("GET", "/v2/privileges", {}, AUTH, True),
    ("GET", "/v2/entreprises/418166096", TRACEABILITY, {**AUTH, "X-Mock-Scenario": "redirected"}, True),  # Location
    ("GET", "/v3/insee/sirene/unites_legales/418166096", {**V3, "object": "é%"}, AUTH, True),
    ("GET", "/v3/insee/sirene/unites_legales/418166096", V3, {**AUTH, "Host": "localhost:80"}, True),
]


def without_time(entries: list[JournalEntry]) -> list[dict]:
    return [{k: v for k, v in entry.to_json().items() if k != "time"} for entry in entries]


def answers(settings: Settings, through_flask: bool) -> tuple[list, list, list]:
    """Send every request once to a fresh application; return the answers, the journal, the paths Flask saw."""
    app = create_app(settings)
    # Both runs at one instant: the rate limit's reset and the journal's times are read on the clock.
    app.extensions["state"].clock = lambda: 1_800_000_000.0
    reached_flask = []
    # First of the hooks: the Host check after it raises for a malformed one.
    app.before_request_funcs[None].insert(0, lambda: reached_flask.append(request.path))
    # Through Flask alone, but with the journal writer every application has above Flask.
    flask_alone = JournalWriter(
        lambda environ, start: Flask.wsgi_app(app, environ, start), app.extensions["state"].journal
    )
    application = flask_alone if through_flask else app.wsgi_app
    client = Client(application)
    sent = []
    for method, path, query, headers, _ in REQUESTS:
        # The WSGI path as a server passes it (a test client would read "//v3/..." as a host).
        overrides = {"PATH_INFO": path}
        response = client.open("/", method=method, query_string=query, headers=headers, environ_overrides=overrides)
        sent.append((response.status, steady_headers(response.headers), response.get_data()))
    return sent, without_time(app.extensions["state"].journal.entries()), reached_flask


@pytest.mark.parametrize("v2_gone", [False, True])
def test_the_answers_and_the_journal_are_flasks(v2_gone):
    settings = Settings(rate_limit_factor=1, v2_gone=v2_gone)
    dispatched, dispatched_journal, reached = answers(settings, through_flask=False)
    flask_answers, flask_journal, _ = answers(settings, through_flask=True)
    assert dispatched == flask_answers
    assert dispatched_journal == flask_journal
    expected = [
        "/" + path.lstrip("/")
        for method, path, _, _, below in REQUESTS
        if not below or (v2_gone and path.startswith("/v2/"))
    ]
    assert reached == expected


def compiled_builders(app) -> list[str]:
    """Return the rules whose URL builders werkzeug has compiled (named ``<builder:RULE>``)."""
    builders = [
        (rule.rule, builder) for rule in app.url_map.iter_rules() for builder in (rule._build, rule._build_unknown)
    ]
    return [rule for rule, builder in builders if builder.__name__.startswith("<builder:")]


def test_routes_build_their_urls_only_when_asked_and_build_them_as_werkzeug_does():
    app = create_app(Settings())
    # An application's start-up compiles none of its rules' URL builders: the first URL built from a rule does.
    assert compiled_builders(app) == []
    with app.test_request_context():
        built = [
            url_for("api_entreprise_v3_insee_unites_legales", siren="418166096"),
            url_for("api_entreprise_v3_insee_unites_legales", siren="418166096", context="x y"),
            url_for("console.static", filename="console.css"),
        ]
    assert built == [
        "/v3/insee/sirene/unites_legales/418166096",
        "/v3/insee/sirene/unites_legales/418166096?context=x+y",
        "/__console/static/console.css",
    ]
    assert compiled_builders(app) == ["/v3/insee/sirene/unites_legales/<siren>", "/__console/static/<path:filename>"]


def parsed(rule: Rule) -> tuple:
    """Return what werkzeug's parse of ``rule`` gave it: parts, trace, arguments, converters (and their settings)."""
    converters = {
        name: (type(converter), {key: value for key, value in vars(converter).items() if key != "map"})
        for name, converter in rule._converters.items()
    }
    return rule._parts, rule._trace, rule.arguments, converters


def test_every_application_routes_as_werkzeug_parses_its_rules():
    create_app(Settings())
    # The first application parsed the rules; this one takes their parse from it.
    app = create_app(Settings())
    for rule in app.url_map.iter_rules():
        afresh = Rule(rule.rule, **rule.get_empty_kwargs())
        Map([afresh], converters=app.url_map.converters, merge_slashes=app.url_map.merge_slashes)
        assert parsed(rule) == parsed(afresh), rule.rule


def test_a_dispatched_request_leaves_no_cycle_for_the_collector():
    app = create_app(Settings(rate_limit_factor=10_000))
    paths = [f"/v3/insee/sirene/unites_legales/{siren}" for siren in ("418166096", "300000034", "418166097")]
    environs = [EnvironBuilder(path=path, query_string=V3, headers=AUTH).get_environ() for path in paths * 5]
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for environ in environs:
            b"".join(app(dict(environ), lambda status, headers, exc_info=None: None))
        gc.collect()
        # A request in its environ (Werkzeug's debugging aid) and the environ in the request: a cycle each time.
        cycled = [thing for thing in gc.garbage if isinstance(thing, BaseRequest)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert cycled == []


# Odd values of a path's variable part, beside every static segment of the map: identifiers, versions, nothing.
ODD_SEGMENTS = (
    "418166096",
    "41816609600051",
    "W751000001",
    "2023",
    "v2",
    "v3",
    "v4",
    "v7",
    "2",
    "x.json",
    "",
    " ",
    "é%",
)


def swept_paths(url_map) -> list[str]:
    """Return paths of every rule of the map, each of its variable segments given each static segment and odd value.

    A rule's own path, and that path with a trailing slash, one segment more and one segment less, are swept too.
    """
    rules = [rule.rule.split("/") for rule in url_map.iter_rules()]
    values = sorted({segment for rule in rules for segment in rule if "<" not in segment} | set(ODD_SEGMENTS))
    paths = set()
    for segments in rules:
        filled = [segment if "<" not in segment else "418166096" for segment in segments]
        own = "/".join(filled)
        paths |= {own, own + "/", own + "/siege_social", "/".join(filled[:-1])}
        for position, segment in enumerate(segments):
            if "<" in segment:
                paths |= {"/".join([*filled[:position], value, *filled[position + 1 :]]) for value in values}
    return sorted(paths)


def werkzeug_match(adapter, path: str) -> tuple | str:
    """Return Werkzeug's match of a GET of ``path``: the endpoint and arguments, or the exception it raised."""
    try:
        return adapter.match(path, "GET")
    except HTTPException as error:
        return type(error).__name__


def test_the_literal_index_finds_the_rule_werkzeug_matches_for_every_path_it_answers():
    app = create_app(Settings())
    adapter = app.url_map.bind("localhost", subdomain="")
    routes = LiteralRoutes(adapter, {endpoint.name for endpoint in ENDPOINTS})
    paths = swept_paths(app.url_map)
    found = {path: routes.find(path) for path in paths}
    assert {path: match for path, match in found.items() if match} == {
        path: werkzeug_match(adapter, path) for path, match in found.items() if match
    }
    # Every catalogue rule's own path is found by the index, but the one of a single segment (/privileges).
    filled = {endpoint.name: re.sub("<[^>]+>", "418166096", endpoint.rule) for endpoint in ENDPOINTS}
    assert [name for name, path in filled.items() if not routes.find(path)] == ["api_entreprise_privileges"]
    assert len(paths) > 20_000 and sum(1 for match in found.values() if match) > 2_000
    assert routes.find("/v3/insee/sirene/unites_legales/diffusibles/siege_social") is None
    assert werkzeug_match(adapter, "/v3/insee/sirene/unites_legales/diffusibles/siege_social")[0] == (
        "api_entreprise_v3_insee_unites_legales_diffusables"
    )


# (rules beside the catalogue's /v3/a/<x>, a path, whether the index answers it itself): another GET rule that
# Werkzeug may try first and that matches the path leaves it to Werkzeug; one that cannot match it does not.
RIVALS = [
    ([Rule("/v3/a/<y>", endpoint="other")], "/v3/a/1", False),  # the same shape: the first rule at its state
    ([Rule("/v3/a/b", endpoint="other")], "/v3/a/b", False),  # a static segment first
    ([Rule("/v3/a/b", endpoint="other")], "/v3/a/c", True),
    ([Rule("/v3/a/b/", endpoint="other")], "/v3/a/b", False),  # redirected to its trailing slash
    ([Rule("/v3/a/<int:n>", endpoint="other")], "/v3/a/12", False),  # another converter, by weight
    ([Rule("/v3/a/b", endpoint="other", methods=["POST"])], "/v3/a/b", True),  # no GET
    ([Rule("/v3/<y>/<z>", endpoint="other")], "/v3/a/1", True),  # a variable where the catalogue's is static
    ([Rule("/v3/a/<x>/<y>", endpoint="other")], "/v3/a/1", True),  # longer
    ([Rule("/v3/a/<int:n>/<path:rest>", endpoint="other")], "/v3/a/1", False),  # a converter of several segments
]


@pytest.mark.parametrize(("others", "path", "answered"), RIVALS)
def test_the_literal_index_leaves_to_werkzeug_a_path_another_rule_may_take_first(others, path, answered):
    url_map = Map([*others, Rule("/v3/a/<x>", endpoint="catalogue")])
    adapter = url_map.bind("localhost")
    routes = LiteralRoutes(adapter, {"catalogue"})
    assert routes.find(path) == (werkzeug_match(adapter, path) if answered else None)


@pytest.mark.parametrize(
    "environ",
    [
        {"REMOTE_ADDR": "192.0.2.1"},
        {"REMOTE_ADDR": ""},
        {},
        {"REMOTE_ADDR": "192.0.2.1", "HTTP_X_FORWARDED_FOR": "192.0.2.10, 10.0.0.1"},
        {"REMOTE_ADDR": "192.0.2.1", "HTTP_X_FORWARDED_FOR": ""},
        {"HTTP_X_FORWARDED_FOR": ' "192.0.2.10" ,10.0.0.1'},
        {"HTTP_X_FORWARDED_FOR": ","},
    ],
)
def test_the_clients_address_is_werkzeugs_first_of_the_access_route(environ):
    route = BaseRequest(environ).access_route
    assert client_address(environ) == (route[0] if route else "")


def test_a_path_is_routed_as_the_general_rule_routes_it():
    paths = swept_paths(create_app(Settings()).url_map)
    paths += [
        "",
        "/",
        "//",
        "v3/insee/sirene/unites_legales/418166096",
        "/v3/a.b/c",
        "/v3/a/.json",
        "/v3/a/b.",
        "/v3/a/b.json/",
    ]
    for path in paths:
        environ = {}
        routed = route_as_production(environ, path)
        assert (routed, NORMALISED in environ) == routed_path(path), path
        named = bool(FORMAT_SUFFIX.search(path.rstrip("/")) and not FORMAT_SUFFIX.search(routed))
        assert (FORMAT_IN_PATH in environ) == named, path


# (body, status, content type, a reply's own headers): answers as the pipeline builds them.
OUTCOMES = [
    (b'{"data":{}}', 200, "application/vnd.api+json", None),
    (b"<html></html>", 301, "text/html; charset=utf-8", {"Location": "/v2/etablissements/41816609600051"}),
    (b"x", 200, "text/plain", {"content-type": "text/csv", "X-Kept": "1", "Content-Length": "9"}),
    (b"", 422, "application/json", {}),
    (b"teapot", 418, "text/plain", None),
    (b"unknown", 299, "text/plain", None),
]


@pytest.mark.parametrize(("body", "status", "content_type", "headers"), OUTCOMES)
def test_an_answer_becomes_the_response_werkzeug_builds(body, status, content_type, headers):
    expected = Response(body, status=status, content_type=content_type, headers=headers)
    answer = responses.outcome(body, status, content_type, headers)
    assert (answer.status_line, answer.headers, answer.body) == (expected.status, list(expected.headers), body)
    built = answer.response()
    assert (built.status, list(built.headers), built.get_data()) == (expected.status, list(expected.headers), body)


def test_a_304_keeps_neither_type_nor_length_as_a_response():
    answer = responses.rails_edge(responses.outcome(b"{}", 200, "application/json"), None)
    etag = dict(answer.headers)["etag"]
    revalidated = responses.rails_edge(responses.outcome(b"{}", 200, "application/json"), etag).response()
    assert revalidated.status == "304 NOT MODIFIED" and revalidated.get_data() == b""
    assert [name for name, _ in revalidated.headers] == [name for name, _ in answer.headers][2:]


@pytest.mark.parametrize(
    "headers",
    [[], [("A", "1")], [("Vary", "Accept"), ("B", "2")], [("vary", "x"), ("C", "3"), ("VARY", "y"), ("D", "4")]],
)
def test_a_header_is_set_as_werkzeug_sets_it(headers):
    expected = Headers(headers)
    expected["vary"] = "Origin"
    listed = list(headers)
    responses._set(listed, "vary", "Origin")
    assert listed == list(expected)


def test_an_index_made_from_some_rules_serves_the_same_rules_alone():
    def routes(other: Rule) -> LiteralRoutes:
        return LiteralRoutes(Map([other, Rule("/v3/a/<x>", endpoint="catalogue")]).bind("localhost"), {"catalogue"})

    # Made once for each set of rules and kept: a rule of another method is another set.
    assert routes(Rule("/v3/a/b", endpoint="other")).find("/v3/a/b") is None
    assert routes(Rule("/v3/a/b", endpoint="other", methods=["POST"])).find("/v3/a/b") == ("catalogue", {"x": "b"})
    assert routes(Rule("/v3/a/b", endpoint="other")).find("/v3/a/b") is None
