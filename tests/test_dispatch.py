"""Catalogue requests dispatched below Flask get its answers: same bytes, headers, journal; the rest goes to Flask."""

import gc

import pytest
from flask import Flask, request, url_for
from werkzeug.routing import Map, Rule
from werkzeug.test import Client, EnvironBuilder
from werkzeug.wrappers import Request as BaseRequest

from mockserver.config import DEFAULT_SECRET, Settings
from mockserver.http.app import create_app
from mockserver.http.exchanges import JournalWriter
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
