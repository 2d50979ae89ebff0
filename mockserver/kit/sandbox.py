"""A running sandbox for an integrator's tests: a real HTTP server in a thread, and a handle on it.

The pytest plugin starts one ``SandboxServer`` per session (werkzeug's threaded server on a
free port of 127.0.0.1) and gives each test a ``Sandbox``: the base URL, tokens, identifiers
for scenarios, the admin API (force a scenario, read the journal, reset), and the contract
violations the test's requests committed, rendered as a readable report. The scenario matrix
is described here too: which scenarios a route can answer, and how each is played.
"""

import json
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from werkzeug.serving import WSGIRequestHandler, make_server

from mockserver.catalogue import BY_NAME
from mockserver.config import Settings
from mockserver.http.app import create_app
from mockserver.http.forcing import MAX_DELAY_SECONDS
from mockserver.rules import identifiers, scenarios
from mockserver.rules.auth import EXPIRED_AT, VALID_FOR, mint, preset_token
from mockserver.rules.spelling import closest

INVALID_IDENTIFIER = "invalid_identifier"
# What a careless client sends: each fails its kind's rule (a wrong Luhn check digit for SIREN/SIRET).
INVALID_EXAMPLES = {
    "siren": "418166097",
    "siret": "41816609600052",
    "siret_or_rna": "W75121251",
    "annee": "24",
    "siren_is": "418166097",
    "siren_tva": "418166097",
    "type_attestation": "AVG",
    "siren_or_rna": "41816609600051",
    "year": "24",
    "dgfip_year": "2005",
    "limit": "0",
    "current_year": "1899",
    "month": "13",
    "depth": "14",
    "siret_or_eori": "FR418166096",
    "siren_or_siret_or_rna": "W75121251",
}
# How far past the client's timeout the slow provider answers, in seconds.
SLOW_MARGIN = 0.5
# Scenarios that are a moment, not a state: played on one call, then the API answers normally
# (a 429 until the window ends; a 301 whose target, the successor, is an ordinary identifier).
ONE_CALL_SCENARIOS = frozenset({scenarios.RATE_LIMITED, scenarios.REDIRECTED})


@dataclass(frozen=True)
class MatrixCase:
    """One column of the scenario matrix: a scenario, its status, and how the sandbox plays it."""

    scenario: str
    status: int
    routes: tuple[str, ...]
    times: int | None = None
    delay_seconds: float | None = None
    # Rules whose breach is the very answer this column plays, so it fails no test.
    expected_violations: frozenset[str] = frozenset()


def matrix(routes: tuple[str, ...], timeout: float | None = None) -> list[MatrixCase]:
    """Return the scenarios the ``routes`` can answer, nominal first, then by status."""
    if not routes:
        raise ValueError(
            'api_entreprise_matrix needs one route name at least, e.g. api_entreprise_matrix("entreprises")'
        )
    for name in routes:
        if name not in BY_NAME:
            near = closest(name, BY_NAME)
            suggestion = f" (did you mean {near!r}?)" if near else ""
            raise ValueError(
                f"api_entreprise_matrix: unknown route {name!r}{suggestion}; the route names are listed by "
                "GET /__admin/routes and in docs/routes.md"
            )
    endpoints = [BY_NAME[name] for name in routes]
    cases = [MatrixCase(scenarios.NOMINAL, 200, routes)]
    if any(endpoint.identifiers for endpoint in endpoints):
        # The identifier a user mistyped: the client may check it itself or let the API answer 422;
        # what the column tests is that the client copes either way.
        cases.append(MatrixCase(INVALID_IDENTIFIER, 422, routes, expected_violations=frozenset({INVALID_IDENTIFIER})))
    # The status of the first route that plays a scenario: v3 and v4 answer some anew (504, not 503).
    statuses = {}
    for endpoint in reversed(endpoints):
        statuses |= {name: endpoint.scenario_status(name) for name in endpoint.all_scenarios}
    for name in sorted(statuses, key=lambda n: (statuses[n], n)):
        times = 1 if name in ONE_CALL_SCENARIOS else None
        delay = timeout + SLOW_MARGIN if name == scenarios.SLOW_PROVIDER and timeout is not None else None
        cases.append(MatrixCase(name, statuses[name], routes, times, delay))
    return cases


class _QuietHandler(WSGIRequestHandler):
    """Keep the test run's output clean: no access log lines."""

    def log_request(self, code="-", size="-"):
        pass


class _InFlight:
    """WSGI middleware counting requests being answered, so a test can wait for the last one."""

    def __init__(self, app):
        self.app = app
        self.count = 0
        self.idle = threading.Condition()

    def __call__(self, environ, start_response):
        with self.idle:
            self.count += 1
        try:
            return list(self.app(environ, start_response))
        finally:
            with self.idle:
                self.count -= 1
                self.idle.notify_all()

    def wait_idle(self, timeout: float) -> None:
        """Wait until no request is being answered (a slow scenario may outlive its client)."""
        with self.idle:
            self.idle.wait_for(lambda: self.count == 0, timeout)


class SandboxServer:
    """The sandbox served over HTTP on a free port of 127.0.0.1, in a background thread."""

    def __init__(self, settings: Settings | None = None):
        # Its access log would crowd the test reports, which show the requests from the journal.
        self.settings = settings or Settings.from_env(access_log="off")
        self.app = create_app(self.settings)
        self.in_flight = _InFlight(self.app)
        self.server = make_server("127.0.0.1", 0, self.in_flight, threaded=True, request_handler=_QuietHandler)
        self.base_url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, name="api-entreprise-sandbox", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


class Sandbox:
    """What a test gets: where the sandbox is, its tokens and identifiers, and its admin API."""

    def __init__(self, server: SandboxServer, case: MatrixCase | None = None):
        self._server = server
        self.base_url = server.base_url
        self.case = case
        secret = server.settings.jwt_secret
        self.token = preset_token("default", secret)
        self.restricted_token = preset_token("restricted", secret)
        self.expired_token = preset_token("expired", secret)
        self.revoked_token = preset_token("revoked", secret)
        self.ip_restricted_token = preset_token("ip_restricted", secret)

    @property
    def scenario(self) -> str | None:
        """Return the scenario this run of a matrix test plays (None outside the matrix)."""
        return self.case.scenario if self.case else None

    def mint_token(self, scopes: list[str], *, expired: bool = False, claim: str = "scopes") -> str:
        """Return a token granting ``scopes`` (``claim="roles"`` for a v2-era token), expired if asked."""
        now = int(time.time())
        expires_at = EXPIRED_AT if expired else now + VALID_FOR
        return mint(self._server.settings.jwt_secret, scopes, claim=claim, issued_at=now, expires_at=expires_at)

    def identifier(self, kind: str = "siren", scenario: str | None = None) -> str:
        """Return an identifier of ``kind`` for ``scenario`` (by default the matrix's, or nominal).

        In the matrix every scenario but the invalid identifier is forced server-side, so the
        nominal example does; outside it, a scenario needs one of its reserved identifiers.
        """
        if scenario is None:
            scenario = INVALID_IDENTIFIER if self.scenario == INVALID_IDENTIFIER else scenarios.NOMINAL
        if scenario == INVALID_IDENTIFIER:
            return INVALID_EXAMPLES[kind]
        if scenario == scenarios.NOMINAL:
            return identifiers.EXAMPLES[kind]
        if scenario not in scenarios.SCENARIOS:
            near = closest(scenario, [scenarios.NOMINAL, INVALID_IDENTIFIER, *scenarios.SCENARIOS])
            raise ValueError(f"unknown scenario {scenario!r}" + (f" (did you mean {near!r}?)" if near else ""))
        reserved = scenarios.SCENARIOS[scenario].reserved.get(kind)
        if not reserved:
            raise ValueError(f"no {kind} is reserved for {scenario!r}: use force({scenario!r}) on any identifier")
        return reserved[-1]

    def _admin(self, method: str, path: str, body: dict | None = None):
        """Call the admin API; return the decoded JSON answer (None when empty)."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if self._server.settings.admin_token:
            request.add_header("Authorization", f"Bearer {self._server.settings.admin_token}")
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                content = answer.read()
        except urllib.error.HTTPError as error:
            raise ValueError(f"{method} {path}: {error.code} {error.read().decode()}") from None
        return json.loads(content) if content else None

    def force(self, scenario: str, *routes: str, times: int | None = None, delay_seconds: float | None = None):
        """Play ``scenario`` on the next calls to ``routes`` (all routes that can), ``times`` times or until reset."""
        body = {"scenario": scenario, "routes": list(routes), "times": times, "delay_seconds": delay_seconds}
        return self._admin("POST", "/__admin/scenario", body)["forced"]

    def clear_forced(self) -> None:
        """Stop forcing a scenario."""
        self._admin("DELETE", "/__admin/scenario")

    def at(self, instant: str | None) -> str:
        """Read the world at ``instant`` ("2024-01-15", or an ISO 8601 instant) until reset; None: today again.

        Return the instant in effect.
        """
        return self._admin("POST", "/__admin/clock", {"clock": instant})["clock"]

    def reset(self) -> None:
        """Empty the journal, the rate-limit counters and the forced scenario; read the world today again."""
        self._admin("POST", "/__admin/reset")

    def requests(self) -> list[dict]:
        """Return the journal: every request the sandbox answered since the last reset."""
        longest = max(self._server.settings.slow_provider_seconds, MAX_DELAY_SECONDS)
        self._server.in_flight.wait_idle(timeout=longest + 5)
        return self._admin("GET", "/__admin/requests")["requests"]

    def violations(self) -> list[dict]:
        """Return the journal entries in which the client broke a rule of the real API.

        In the matrix's invalid-identifier column, sending the mistyped identifier is what the
        column plays: that rule is left out, the others stay.
        """
        expected = self.case.expected_violations if self.case else frozenset()
        found = []
        for entry in self.requests():
            broken = [violation for violation in entry["violations"] if violation["rule"] not in expected]
            if broken:
                found.append({**entry, "violations": broken})
        return found

    def near_misses(self) -> list[dict]:
        """Return the journal entries of requests no route answered, each with the route it was nearest."""
        return [entry for entry in self.requests() if "near_miss" in entry]

    def play(self, case: MatrixCase) -> None:
        """Set the sandbox up for one column of the matrix."""
        if case.scenario not in (scenarios.NOMINAL, INVALID_IDENTIFIER):
            self.force(case.scenario, *case.routes, times=case.times, delay_seconds=case.delay_seconds)


def _request_line(entry: dict) -> str:
    """Return ``GET /path?query`` of a journal entry, readable (the token stays masked)."""
    query = "&".join(f"{name}={value}" for name, values in entry["params"].items() for value in values)
    return f"{entry['method']} {entry['path']}{'?' + query if query else ''}"


def report(entries: list[dict]) -> str:
    """Return the violations of journal entries as a report: which request, which rule, the real answer."""
    count = sum(len(entry["violations"]) for entry in entries)
    lines = [
        f"API Entreprise contract: {count} violation(s) in {len(entries)} request(s) of this test.",
        "The sandbox answered them; the real API has rules your client broke:",
    ]
    for number, entry in enumerate(entries, 1):
        lines += ["", f"[{number}] {_request_line(entry)}", f"    sandbox answered {entry['status']}"]
        near = entry.get("near_miss")
        if near:
            lines.append(f"    nearest route: GET {near['path']} ({near['endpoint']}): {near['reason']}")
        for found in entry["violations"]:
            lines += [f"    - rule: {found['title']} ({found['rule']})", f"      what: {found['detail']}"]
            real = found["real_answer"]
            if real:
                body = real["body"]
                if not isinstance(body, str):
                    body = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
                lines.append(f"      real API: {real['status']} {body}")
            lines.append(f"      fix: {found['advice']}")
    return "\n".join(lines)
