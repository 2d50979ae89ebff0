"""What stands in front of the admin API and the console: bounded, schema-checked bodies and access control.

Admin bodies are JSON, at most ``MAX_BODY_BYTES`` (413 beyond) and ``MAX_DEPTH`` levels deep,
valid UTF-8 text (a lone surrogate is refused), and follow their route's JSON Schema (400
otherwise, in the API's error shape): nothing a caller sends reaches a 500.

Access: with an admin token set (``MOCKSERVER_ADMIN_TOKEN`` or ``--admin-token``), every
``/__admin/*`` call needs ``Authorization: Bearer <that token>`` (401 otherwise), but the
health route, which container and Kubernetes probes call without credentials and which tells
nothing but up or degraded; the console page itself is open and asks for the token once.
In every mode, a state-changing admin call coming from another site (its ``Origin`` is not
this host, or the browser says ``Sec-Fetch-Site: cross-site``) is refused with 403: a page
elsewhere cannot reset the sandbox or force a scenario through a visitor's browser. Without an
admin token, the admin API also answers only the hosts it is meant to be called by (loopback,
the configured ``--host``, and ``MOCKSERVER_ADMIN_HOSTS``), 403 otherwise: a page whose own
name was made to resolve to the sandbox (DNS rebinding) is same-origin to the browser, and its
``Host`` is the only thing that tells it apart.
"""

import hmac
import ipaddress
import json
from urllib.parse import urlsplit

from flask import Request
from jsonschema import Draft202012Validator

from mockserver.rules.errors import ApiError

MAX_BODY_BYTES = 64 * 1024
MAX_DEPTH = 16
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# What probes call without credentials.
OPEN_PATHS = ("/__admin/health",)
# Names of this machine's loopback interface (any 127.0.0.0/8 or ::1 address is one too).
LOOPBACK_NAMES = ("localhost",)
# Addresses that mean "every interface": a listening address, never a name a client calls.
WILDCARD_ADDRESSES = ("0.0.0.0", "::")
# Fetch metadata values of requests a page of another site made.
CROSS_SITE = ("cross-site", "same-site")

FORCING_BODY = Draft202012Validator(
    {
        "type": "object",
        "required": ["scenario"],
        "properties": {
            "scenario": {"type": "string", "maxLength": 100},
            "routes": {"type": ["array", "null"], "items": {"type": "string", "maxLength": 200}, "maxItems": 500},
            "times": {"type": ["integer", "null"], "minimum": 1},
            "delay_seconds": {"type": ["number", "null"], "minimum": 0, "maximum": 60},
        },
        "additionalProperties": False,
    }
)
# A verification's starting mark: a short label a CI log can show.
MARK_BODY = Draft202012Validator(
    {
        "type": "object",
        "required": ["label"],
        "properties": {"label": {"type": "string", "pattern": "^[^\\r\\n\\x00]{1,200}$"}},
        "additionalProperties": False,
    }
)
# The world's instant an admin pins (null: the setting's, or today).
CLOCK_BODY = Draft202012Validator(
    {
        "type": "object",
        "required": ["clock"],
        "properties": {"clock": {"type": ["string", "null"], "maxLength": 64}},
        "additionalProperties": False,
    }
)
# A line break in a header would split it: refused, as HTTP does.
ONE_LINE = {"type": "string", "pattern": "^[^\\r\\n\\x00]*$", "maxLength": 8192}
TRY_BODY = Draft202012Validator(
    {
        "type": "object",
        "required": ["path"],
        "properties": {
            "path": {"type": "string", "pattern": "^/(?!/)[^?#]*$", "maxLength": 2048},
            "query": {"type": "object", "additionalProperties": {"type": "string", "maxLength": 8192}},
            "headers": {
                "type": "object",
                "propertyNames": {"pattern": "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"},
                "additionalProperties": ONE_LINE,
            },
        },
        "additionalProperties": False,
    }
)


def _depth(value: object) -> int:
    """Return how deeply ``value`` nests arrays and objects (iteratively: no recursion to exhaust)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            deepest = max(deepest, depth)
            if depth <= MAX_DEPTH:
                stack.extend((child, depth + 1) for child in (node.values() if isinstance(node, dict) else node))
    return deepest


def _is_text(value: object) -> bool:
    """Tell whether every string of ``value`` is valid Unicode text (no lone surrogate)."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def read_json(request: Request, schema: Draft202012Validator, error_key: str = "bad_request") -> object:
    """Return the request's JSON body once it passed every bound and ``schema``; raise the API's 400 or 413."""
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        raise ApiError("payload_too_large")
    raw = request.get_data(cache=True)
    if len(raw) > MAX_BODY_BYTES:
        raise ApiError("payload_too_large")
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError):
        raise ApiError(error_key) from None
    if _depth(body) > MAX_DEPTH or not _is_text(body) or not schema.is_valid(body):
        raise ApiError(error_key)
    return body


def _same_origin(request: Request) -> bool:
    """Tell whether the request's ``Origin`` (if any) is this host, and the browser does not call it cross-site."""
    if request.headers.get("Sec-Fetch-Site", "") in CROSS_SITE:
        return False
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    return urlsplit(origin).netloc == request.host


def allowed_hosts(host: str, admin_hosts: str) -> frozenset[str] | None:
    """Return the host names the admin API answers without an admin token, besides loopback (None: any)."""
    extra = [name.strip().lower() for name in admin_hosts.split(",") if name.strip()]
    if "*" in extra:
        return None
    configured = [] if host in WILDCARD_ADDRESSES else [host.lower()]
    return frozenset((*LOOPBACK_NAMES, *configured, *extra))


def _host_allowed(request: Request, allowed: frozenset[str] | None) -> bool:
    """Tell whether the request's ``Host`` (its name, without the port) is loopback or one of ``allowed``."""
    if allowed is None:
        return True
    name = (urlsplit(f"//{request.host}").hostname or "").lower()
    try:
        return ipaddress.ip_address(name).is_loopback or name in allowed
    except ValueError:
        return name in allowed


def guard(request: Request, admin_token: str, allowed: frozenset[str] | None = None) -> None:
    """Raise 401 for an admin call without the admin token (when one is set), 403 for a host or a change it refuses.

    ``allowed`` are the host names (besides loopback) the admin API answers without an admin token.
    """
    if not admin_token and request.path not in OPEN_PATHS and not _host_allowed(request, allowed):
        raise ApiError("admin_host_not_allowed")
    if admin_token and request.path not in OPEN_PATHS:
        sent = request.headers.get("Authorization", "")
        if not hmac.compare_digest(sent.encode("utf-8", "replace"), f"Bearer {admin_token}".encode()):
            raise ApiError("admin_token_required")
    if request.method not in SAFE_METHODS and not _same_origin(request):
        raise ApiError("cross_site_admin_call")
