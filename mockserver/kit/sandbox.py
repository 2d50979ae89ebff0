"""A running sandbox for an integrator's tests: a real HTTP server in a thread, and a handle on it.

The pytest plugin starts one ``SandboxServer`` per session (werkzeug's threaded server on a
free port of 127.0.0.1) and gives each test a ``Sandbox``: the base URL, tokens, identifiers
for scenarios, the admin API (force a scenario, read the journal, reset), and the contract
violations the test's requests committed, rendered as a readable report (``http.verification``'s,
the words ``GET /__admin/verify`` and ``api-entreprise-mock verify`` use too). The scenario matrix
is played here (``http.matrix`` says which scenarios a route can answer).
"""

import json
import threading
import time
import urllib.error
import urllib.request
from collections import Counter

from werkzeug.serving import WSGIRequestHandler, make_server

from mockserver.config import Settings
from mockserver.http.app import create_app
from mockserver.http.forcing import MAX_DELAY_SECONDS
from mockserver.http.matrix import INVALID_EXAMPLES, INVALID_IDENTIFIER, MatrixCase
from mockserver.rules import identifiers, scenarios
from mockserver.rules.auth import EXPIRED_AT, VALID_FOR, mint, preset_token
from mockserver.rules.spelling import closest
from mockserver.state.journal import JournalEntry

# How long the server's loop waits for a request before it looks whether it was asked to stop: stopping the sandbox
# waits that long at most (socketserver's half second, at the end of every session, would be most of a short one's).
STOP_POLL_SECONDS = 0.05


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
        self.thread = threading.Thread(
            target=self.server.serve_forever, args=(STOP_POLL_SECONDS,), name="api-entreprise-sandbox", daemon=True
        )
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

    def _journal(self) -> list[dict]:
        """Return the journal's entries since the last reset, once every request in flight was answered."""
        longest = max(self._server.settings.slow_provider_seconds, MAX_DELAY_SECONDS)
        self._server.in_flight.wait_idle(timeout=longest + 5)
        return self._admin("GET", "/__admin/requests")["requests"]

    def requests(self, route: str | None = None, status: int | None = None) -> list[JournalEntry]:
        """Return the requests the sandbox answered since the last reset, of ``route`` and ``status`` when given."""
        return [
            JournalEntry.from_json(entry)
            for entry in self._journal()
            if (route is None or entry.get("endpoint") == route) and (status is None or entry["status"] == status)
        ]

    def assert_called(self, route: str, times: int | None = None) -> None:
        """Fail unless ``route`` was called (exactly ``times`` times when given); the message lists what was called."""
        called = Counter(entry.get("endpoint") or f"{entry['method']} {entry['path']}" for entry in self._journal())
        if called[route] == times if times is not None else called[route] > 0:
            return
        expected = f"{times} time(s)" if times is not None else "at least once"
        seen = ", ".join(f"{name} ({count})" for name, count in called.most_common()) or "nothing"
        raise AssertionError(f"{route} was called {called[route]} time(s), expected {expected}; called: {seen}")

    def violations(self) -> list[dict]:
        """Return the journal entries in which the client broke a rule of the real API.

        In the matrix's invalid-identifier column, sending the mistyped identifier is what the
        column plays: that rule is left out, the others stay.
        """
        expected = self.case.expected_violations if self.case else frozenset()
        found = []
        for entry in self._journal():
            broken = [violation for violation in entry["violations"] if violation["rule"] not in expected]
            if broken:
                found.append({**entry, "violations": broken})
        return found

    def near_misses(self) -> list[dict]:
        """Return the journal entries of requests no route answered, each with the route it was nearest."""
        return [entry for entry in self._journal() if "near_miss" in entry]

    def play(self, case: MatrixCase) -> None:
        """Set the sandbox up for one column of the matrix."""
        if case.scenario not in (scenarios.NOMINAL, INVALID_IDENTIFIER):
            self.force(case.scenario, *case.routes, times=case.times, delay_seconds=case.delay_seconds)
