"""The QA console: a page at ``/`` to try any route, and the admin helpers it calls.

The page is rendered from the catalogue listing, the scenario table and the token presets
(the same data the admin API publishes), so new catalogue rows appear on it by themselves.
Its script calls ``POST /__admin/try``, which sends one request to the sandbox from inside
the server and reports it as is (status, headers, body, the equivalent curl command):
unlike a browser's fetch, it shows a 301 and its ``Location`` instead of following it.
``GET /__admin/random/<kind>`` draws a valid identifier for the form; with ``?route=<name>``,
one that route answers 200 for (with the route's other path parameters to go with it).
"""

import random
import re
import shlex
import time
from urllib.parse import urlencode

from flask import Blueprint, current_app, jsonify, render_template, request
from jsonschema import Draft202012Validator
from werkzeug.http import HTTP_STATUS_CODES

from mockserver.catalogue import BY_NAME, families, sample_ids
from mockserver.http.route_listing import route_listing
from mockserver.rules import scenarios
from mockserver.rules.auth import preset_tokens
from mockserver.rules.errors import ApiError

blueprint = Blueprint(
    "console", __name__, template_folder="templates", static_folder="static", static_url_path="/__console/static"
)

# A line break in a header would split it: refused, as HTTP does.
ONE_LINE = {"type": "string", "pattern": "^[^\\r\\n\\x00]*$"}
TRY_REQUEST = Draft202012Validator(
    {
        "type": "object",
        "required": ["path"],
        "properties": {
            "path": {"type": "string", "pattern": "^/(?!/)[^?#]*$"},
            "query": {"type": "object", "additionalProperties": {"type": "string"}},
            "headers": {
                "type": "object",
                "propertyNames": {"pattern": "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"},
                "additionalProperties": ONE_LINE,
            },
        },
        "additionalProperties": False,
    }
)
# Values the form pre-fills in the mandatory parameters: recipient is the SIRET of DINUM,
# a valid one, as v3 requires.
TRACEABILITY_DEFAULTS = {"context": "console QA", "recipient": "13002526500013", "object": "essai console"}
TEXT_TYPES = ("text/", "application/json", "application/vnd.api+json", "application/problem+json")
# A route draw's seed: the console draws one; a client may give its own to find the same identifier again.
SEED = re.compile(r"[0-9]{1,18}")
MAX_SEED = 10**18
# The system's generator keeps no state that concurrent requests would share.
_random = random.SystemRandom()


def _pipeline():
    """Return the application's pipeline (settings, limiter, journal)."""
    return current_app.extensions["pipeline"]


@blueprint.get("/")
def page():
    """Render the console."""
    pipeline = _pipeline()
    listing = route_listing(pipeline.limiter)
    grouped = {family: [r for r in listing if r["family"] == family] for family in families.FAMILIES}
    return render_template(
        "console.html",
        families={families.FAMILIES[family]: rows for family, rows in grouped.items() if rows},
        tokens=preset_tokens(pipeline.settings.jwt_secret),
        scenarios=scenarios.table(),
        scenario_header=scenarios.HEADER,
        traceability=TRACEABILITY_DEFAULTS,
        rate_limits_on=pipeline.limiter.enabled,
    )


@blueprint.get("/__admin/random/<kind>")
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


@blueprint.post("/__admin/try")
def try_route():
    """Send one GET to the sandbox as described by the JSON body; report the exchange."""
    described = request.get_json(silent=True)
    if described is None or not TRY_REQUEST.is_valid(described):
        raise ApiError("invalid_try_request")
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
