"""The admin API under ``/__admin``: one table of routes, one blueprint.

What a test, a QA tester or the console asks the sandbox besides the API itself: its health,
the scenario table, the catalogue's routes, the preset tokens, the request journal, the
scenario forced on the next calls, the world's pinned instant, a reset, a random valid
identifier (with ``?route=<name>``, one that route answers 200 for), and one request sent
from inside the server (``POST /__admin/try``, which shows a 301 and its ``Location`` instead
of following it as a browser's fetch would). ``ADMIN_ROUTES`` is the whole API.
"""

import random
import re
import shlex
import time
from datetime import UTC, datetime
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, jsonify, request
from werkzeug.http import HTTP_STATUS_CODES

from mockserver import clock
from mockserver.catalogue import BY_NAME, ENDPOINTS, TRACEABILITY_PARAMS, Endpoint, families, routes_playing, sample_ids
from mockserver.http import admin_guard, exchanges, forcing, matrix, verification
from mockserver.http.state import SandboxState
from mockserver.rules import scenarios
from mockserver.rules.auth import preset_tokens
from mockserver.rules.errors import ApiError
from mockserver.rules.ratelimit import RateLimiter
from mockserver.state import shared_state

PREFIX = "/__admin"
TEXT_TYPES = ("text/", "application/json", "application/vnd.api+json", "application/problem+json")
# A route draw's seed: the console draws one; a client may give its own to find the same identifier again.
SEED = re.compile(r"[0-9]{1,18}")
MAX_SEED = 10**18
# The system's generator keeps no state that concurrent requests would share.
_random = random.SystemRandom()


def _state() -> SandboxState:
    """Return the sandbox's state (settings, limiter, journal, forcing, pacing)."""
    return current_app.extensions["state"]


def route_entry(endpoint: Endpoint, limits: dict[str, int]) -> dict:
    """Describe one catalogue row; ``limits`` are the per-minute limits in force, by group.

    Enough for a client to call any route without reading the code: its family, its path
    parameters with their identifier kinds (and where to draw a valid one the route answers
    200 for), its
    optional query parameters, whether it needs the traceability parameters, its scopes,
    rate-limit group and scenarios. The console builds its forms from this alone.
    """
    return {
        "name": endpoint.name,
        "version": endpoint.version,
        "path": endpoint.path,
        "provider": endpoint.provider,
        "scopes": list(endpoint.scopes),
        "rate_limit_group": endpoint.rate_group,
        "rate_limit_per_minute": limits.get(endpoint.rate_group),
        # Every scenario the route plays: its own, the provider failures and, on a throttled route, the rate limit.
        "scenarios": sorted(endpoint.all_scenarios),
        "family": endpoint.family,
        "family_label": families.FAMILIES[endpoint.family],
        "path_parameters": [
            {"name": name, "kind": kind, "random": sample_ids.url(kind, endpoint.name if endpoint.supported else None)}
            for name, kind in endpoint.identifiers
        ],
        "mandatory_parameters": [param for param, _ in TRACEABILITY_PARAMS] if endpoint.traceability else [],
        "query_options": [{"name": option.name, "values": list(option.values)} for option in endpoint.options],
    }


def route_listing(limiter: RateLimiter) -> list[dict]:
    """Describe every catalogue row, grouped by family in the catalogue's order, then by version."""
    limits = limiter.limits if limiter.enabled else {}
    order = list(families.FAMILIES)
    rows = sorted(ENDPOINTS, key=lambda e: (order.index(e.family), e.version))
    return [route_entry(endpoint, limits) for endpoint in rows]


def health():
    """Say the sandbox is up and whether its shared state is degraded; cheap: health checks call it often.

    It answers 200 while Redis is down (the sandbox still answers, from memory) and says so in its body.
    """
    storage = shared_state.status(_state().settings.storage_url)
    return jsonify({"status": "degraded" if storage["degraded"] else "ok", **storage})


def scenario_table():
    """List the scenarios, with the routes that play each, and the official staging cases."""
    table = [{**row, "routes": routes_playing(row["name"])} for row in scenarios.table()]
    return jsonify({"header": scenarios.HEADER, "scenarios": table, "staging_cases": scenarios.STAGING_TABLE})


def routes():
    """List the catalogue's routes as the console and clients use them."""
    return jsonify({"routes": route_listing(_state().limiter)})


def tokens():
    """List the preset tokens, signed with the sandbox's secret."""
    settings = _state().settings
    # Tokens signed with a private secret are real credentials of this deployment: only for an admin.
    if settings.private_secret and not settings.admin_token:
        raise ApiError("private_tokens_need_admin_token")
    return jsonify({"tokens": preset_tokens(settings.jwt_secret)})


def journal():
    """Return the request journal, oldest first; ``format=har`` a HAR 1.2 log, ``format=vcr`` a VCR cassette."""
    form = request.args.get("format", "json")
    if form not in exchanges.EXPORT_FORMATS:
        raise ApiError("unknown_journal_format")
    entries = _state().journal.entries()
    if form == "har":
        return jsonify(exchanges.har(entries, request.host_url))
    if form == "vcr":
        return Response(exchanges.vcr(entries, request.host_url), content_type="application/yaml; charset=utf-8")
    return jsonify({"requests": [entry.to_json() for entry in entries]})


def clear_journal():
    """Empty the request journal."""
    _state().journal.clear()
    return Response(status=204)


def forced_scenario():
    """Return the scenario forced on the next calls, if any."""
    return jsonify({"forced": _state().forced.describe()})


def force_scenario():
    """Force a scenario on the next calls (see ``forcing``)."""
    state = _state()
    state.forced.set(forcing.parse(admin_guard.read_json(request, admin_guard.FORCING_BODY)))
    return jsonify({"forced": state.forced.describe()})


def clear_forced_scenario():
    """Stop forcing a scenario."""
    _state().forced.clear()
    return Response(status=204)


def verify():
    """Judge the journal since the last reset (or ``since`` a mark) against the real API's rules.

    ``format`` is text (the pytest plugin's report), json, junit or github (workflow annotations);
    the answer is 200 either way, its verdict in the body and in the ``X-Mock-Verdict`` header.
    """
    state = _state()
    form = request.args.get("format", "text")
    if form not in verification.FORMATS:
        raise ApiError("unknown_verify_format")
    entries = state.journal.entries()
    since = verification.SINCE_RESET
    if "since" in request.args:
        since = request.args["since"]
        if since not in state.marks:
            raise ApiError("unknown_verify_mark")
        entries = [entry for entry in entries if entry.time >= state.marks[since]]
    result = verification.verify([entry.to_json() for entry in entries], since)
    return Response(
        verification.RENDERERS[form](result),
        content_type=verification.CONTENT_TYPES[form],
        headers={"X-Mock-Verdict": result["verdict"]},
    )


def scenario_matrix():
    """List the matrix of ``route`` (repeated for several): each answer to survive, and how to force it.

    The columns the pytest plugin's ``api_entreprise_matrix`` runs; ``timeout`` (the client's, in seconds)
    sets how long the slow provider waits.
    """
    try:
        timeout = float(request.args["timeout"]) if "timeout" in request.args else None
        if timeout is not None and not 0 < timeout <= forcing.MAX_DELAY_SECONDS - matrix.SLOW_MARGIN:  # NaN fails it
            raise ValueError(timeout)
        cases = matrix.matrix(tuple(request.args.getlist("route")), timeout)
    except ValueError:
        raise ApiError("invalid_matrix_request") from None
    return jsonify({"matrix": [matrix.describe(case) for case in cases]})


def mark():
    """Set a mark a verification can start from (``GET /__admin/verify?since=<label>``); reset forgets marks."""
    label = admin_guard.read_json(request, admin_guard.MARK_BODY, "invalid_mark")["label"]
    time_now = datetime.now(UTC).isoformat(timespec="milliseconds")
    _state().marks[label] = time_now
    return jsonify({"label": label, "time": time_now})


def _clock_state() -> dict:
    """Describe the world's instant: the one a request without X-Mock-Clock reads, and whether it is pinned."""
    state = _state()
    return {"clock": state.default_instant().isoformat(), "pinned": state.pinned_clock or None}


def world_clock():
    """Return the world's instant of a request that sets none."""
    return jsonify(_clock_state())


def pin_clock():
    """Pin the world's instant of the requests that set none (null: back to the setting's, or today)."""
    state = _state()
    pinned = admin_guard.read_json(request, admin_guard.CLOCK_BODY)["clock"]
    if pinned:
        try:
            clock.parse(pinned, clock.today())
        except ValueError:
            raise ApiError("invalid_clock") from None
    state.pinned.pin(pinned or "")
    return jsonify(_clock_state())


def reset():
    """Start over: empty journal and marks, fresh counters and pacing, no forcing, the setting's clock."""
    _state().reset()
    return Response(status=204)


def random_identifier(kind: str):
    """Draw a random valid identifier of ``kind``; with ``route``, one that route answers 200 for."""
    if "route" in request.args:
        return _route_draw(kind, request.args["route"], request.args.get("seed"))
    try:
        value = sample_ids.draw(kind, _random)
    except KeyError:
        raise ApiError("unknown_identifier_kind") from None
    return jsonify({"kind": kind, "value": value})


def _route_draw(kind: str, route: str, seed: str | None):
    """Search path parameters ``route`` answers 200 for; the same ``seed`` finds the same ones."""
    endpoint = BY_NAME.get(route)
    param = next((name for name, of_kind in endpoint.identifiers if of_kind == kind), None) if endpoint else None
    if param is None:
        raise ApiError("unknown_draw_route")
    if seed is None:
        seed = str(_random.randrange(MAX_SEED))
    elif not SEED.fullmatch(seed):
        raise ApiError("bad_request")
    path_params = sample_ids.search(endpoint, random.Random(f"{route}:{seed}"))
    if path_params is None:
        raise ApiError("draw_search_exhausted")
    return jsonify(
        {"kind": kind, "value": path_params[param], "route": route, "seed": seed, "path_params": path_params}
    )


def _is_text(content_type: str) -> bool:
    """Tell whether a body of ``content_type`` can be shown as text."""
    return content_type.startswith(TEXT_TYPES)


def try_route():
    """Send one GET to the sandbox as described by the JSON body; report the exchange."""
    described = admin_guard.read_json(request, admin_guard.TRY_BODY, "invalid_try_request")
    query = urlencode(described.get("query", {}))
    headers = described.get("headers", {})
    url = request.host_url + described["path"].lstrip("/") + (f"?{query}" if query else "")
    started = time.perf_counter()
    response = current_app.test_client().get(
        described["path"], query_string=query, headers=headers, base_url=request.host_url
    )
    elapsed_ms = (time.perf_counter() - started) * 1000
    body = response.get_data()
    content_type = response.headers.get("Content-Type", "")
    curl = ["curl", "-i"]
    for name, value in headers.items():
        curl += ["-H", f"{name}: {value}"]
    return jsonify(
        {
            "url": url,
            "curl": shlex.join([*curl, url]),
            "status": response.status_code,
            "reason": HTTP_STATUS_CODES.get(response.status_code, ""),
            "headers": list(response.headers.items()),
            "content_type": content_type,
            "body": body.decode("utf-8", errors="replace") if _is_text(content_type) else None,
            "size": len(body),
            "duration_ms": round(elapsed_ms, 1),
        }
    )


# The admin API: method, path under /__admin, view.
ADMIN_ROUTES = (
    ("GET", "/health", health),
    ("GET", "/scenarios", scenario_table),
    ("GET", "/routes", routes),
    ("GET", "/tokens", tokens),
    ("GET", "/requests", journal),
    ("DELETE", "/requests", clear_journal),
    ("GET", "/scenario", forced_scenario),
    ("POST", "/scenario", force_scenario),
    ("DELETE", "/scenario", clear_forced_scenario),
    ("GET", "/matrix", scenario_matrix),
    ("GET", "/verify", verify),
    ("POST", "/marks", mark),
    ("GET", "/clock", world_clock),
    ("POST", "/clock", pin_clock),
    ("POST", "/reset", reset),
    ("GET", "/random/<kind>", random_identifier),
    ("POST", "/try", try_route),
)

blueprint = Blueprint("admin", __name__, url_prefix=PREFIX)
# Access control and cross-site refusal before any admin view (``admin_guard``).
blueprint.before_request(
    lambda: admin_guard.guard(
        request,
        _state().settings.admin_token,
        admin_guard.allowed_hosts(_state().settings.host, _state().settings.admin_hosts),
    )
)
for method, path, view in ADMIN_ROUTES:
    blueprint.add_url_rule(path, view.__name__, view, methods=[method])
