"""Catalogue routes dispatched below Flask: a WSGI layer that sends their GET requests straight to the pipeline.

Flask's request machinery (request and application contexts, a URL adapter bound per
request, the before- and after-request hooks, the session) costs about a quarter of a request
that generates its entity. For a catalogue route none of it does anything the pipeline needs:
the only hooks are the Host check and, with ``v2_gone``, the switch-off of ``/v2/``; no route
has a session, an after-request hook or a teardown. So this layer matches the path on Flask's
own URL map, bound once (no rule depends on the host), and, when a catalogue route matches a
GET with a well-formed Host, calls the pipeline with a request of Flask's class, as the route's
view does, and answers its response. The pipeline's own errors are the same: an error it
raises gets the error handler's answer. Anything else goes to Flask unchanged: another
route, another method, a redirect, a miss, a malformed Host, a WebSocket upgrade, ``/v2/``
paths once v2 is switched off.

Paths are routed as production's router reads them, as Flask routes them (``routing``), to the
rule Werkzeug's matcher would give them, mostly found without it (``LiteralRoutes``).

Werkzeug's ``host_url`` (the links' base URL: host parsing and IRI decoding) and parsed query
string (``args``, immutable) are the same for every request of a client: they are kept for a
bounded number of hosts and query strings. The response is sent as Werkzeug sends it: its
status, its headers (the body's length among them) and its body; one with a Location header,
which Werkzeug rewrites as a URI, or without a body by its status, is left to Werkzeug.
"""

import logging
import re
import threading

from flask import Flask
from werkzeug.exceptions import HTTPException
from werkzeug.routing import MapAdapter, Rule

from mockserver.catalogue import ENDPOINTS
from mockserver.http.pipeline import Pipeline
from mockserver.http.responses import outside_answer
from mockserver.http.routing import route_as_production, unthrottled_if_normalised
from mockserver.rules.errors import ApiError

log = logging.getLogger(__name__)
# A Host header: a DNS name or IPv4 address, or a bracketed IPv6 address, then an optional port.
HOST = re.compile(
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9-]{1,63})*\.?|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?"
)
# The request's parts Werkzeug's host_url depends on; a client uses one or two hosts, and a few query strings.
HOST_URL_FIELDS = ("wsgi.url_scheme", "HTTP_HOST", "SERVER_NAME", "SERVER_PORT")
MAX_HOST_URLS = 64
MAX_QUERIES = 256
# A longer host or query string is parsed each time, so that the kept ones stay small.
MAX_KEPT_KEY_CHARS = 1024
# Headers and statuses Werkzeug changes on the way out (a Location made a URI; no body).
REWRITTEN_HEADERS = ("location", "content-location")
BODILESS_STATUSES = (204, 304)
# A segment of a rule that is one variable of Werkzeug's default converter: any non-empty segment, kept as it is.
PLAIN_VARIABLE = re.compile(r"<([A-Za-z_][A-Za-z0-9_]*)>")
# Such a variable in a rule's shape (``_shape``), by its rank among the rule's converters.
PLAIN_RANK = re.compile(r"<[0-9]+>")


def _shape(rule: str) -> list[str]:
    """Return a rule's segments as Werkzeug's matcher tells them apart: its plain variables by their rank."""
    shape, rank = [], 0
    for segment in rule.split("/"):
        if PLAIN_VARIABLE.fullmatch(segment):
            segment = f"<{rank}>"
        rank += segment.count("<")
        shape.append(segment)
    return shape


def _pattern(rule: str) -> re.Pattern:
    """Return a pattern of the paths a rule may match: its variables named; from another converter on, anything."""
    parts = []
    for segment in rule.split("/"):
        variable = PLAIN_VARIABLE.fullmatch(segment)
        if variable:
            parts.append(f"(?P<{variable[1]}>[^/]+)")
        elif "<" in segment:
            parts.append(r"[\s\S]*")
            break
        else:
            parts.append(re.escape(segment))
    return re.compile("/".join(parts))


def _may_come_first(other: list[str], shape: list[str]) -> bool:
    """Tell whether Werkzeug's matcher may answer a path of a rule shaped ``shape`` with one shaped ``other``.

    Only a rule as long, or with a converter that may take several segments, matches such a path. Werkzeug
    walks the rules segment by segment, a static segment before a variable: where the shapes first differ,
    ``shape``'s static segment comes first, and its variable may come after the other's segment.
    """
    if len(other) != len(shape) and all("<" not in segment or PLAIN_RANK.fullmatch(segment) for segment in other):
        return False
    for mine, theirs in zip(shape, other, strict=False):
        if mine != theirs:
            return "<" in mine
    return True


def _described(rule: Rule) -> tuple:
    """Return what the index reads of a rule, in a form that can be a key."""
    defaults = tuple(sorted(rule.defaults.items())) if rule.defaults else None
    methods = tuple(sorted(rule.methods)) if rule.methods is not None else None
    return (
        rule.rule,
        rule.endpoint,
        methods,
        defaults,
        rule.redirect_to,
        rule.alias,
        rule.host,
        rule.subdomain,
        rule.websocket,
    )


# The indexes made, by the catalogue's route names and the rules (in order) they were made from.
INDEXES: dict[tuple, dict] = {}


class LiteralRoutes:
    """The catalogue's rules by their paths' length and first two segments: Werkzeug's match, mostly without it.

    A path is matched against the catalogue rules of its length and first two segments (their literal
    prefix), by their patterns. Werkzeug gives the rule it matches unless it may try first another rule
    (any GET rule with a static segment or another variable where the catalogue rule has a variable, or
    one redirecting the path to its trailing slash) that matches the path too: such a path, and a path
    no catalogue rule matches here, is left to Werkzeug's matcher.
    """

    def __init__(self, adapter: MapAdapter, names: set[str]):
        self._adapter = adapter
        # Every application create_app makes has the same rules: the first one's index serves them all.
        key = (frozenset(names), tuple(map(_described, adapter.map.iter_rules())))
        if key not in INDEXES:
            INDEXES[key] = self._built(adapter, names)
        self._index = INDEXES[key]

    @classmethod
    def _built(
        cls, adapter: MapAdapter, names: set[str]
    ) -> dict[tuple, list[tuple[re.Pattern, str, list[re.Pattern]]]]:
        """Return the index of the catalogue rules of ``names`` among the rules of ``adapter``'s map."""
        rules = [rule for rule in adapter.map.iter_rules() if rule.methods is None or "GET" in rule.methods]
        # Each rule's shape, and a rule ending in a slash again without it: from there it redirects to it.
        shapes = [(rule, rule.rule, _shape(rule.rule)) for rule in rules]
        shapes += [(rule, text[:-1], shape[:-1]) for rule, text, shape in shapes if shape[-1] == ""]
        index = {}
        for rule, text, shape in shapes[: len(rules)]:
            if not cls._indexed(adapter, rule, shape, names):
                continue
            rivals = [
                _pattern(theirs)
                for other, theirs, their_shape in shapes
                if other is not rule and _may_come_first(their_shape, shape)
            ]
            index.setdefault((len(shape), shape[1], shape[2]), []).append((_pattern(text), rule.endpoint, rivals))
        return index

    @staticmethod
    def _indexed(adapter: MapAdapter, rule: Rule, shape: list[str], names: set[str]) -> bool:
        """Tell whether ``rule`` is a catalogue rule the index answers: plain segments, its route's only rule."""
        plain = all("<" not in segment or PLAIN_VARIABLE.fullmatch(segment) for segment in rule.rule.split("/"))
        alone = len(list(adapter.map.iter_rules(rule.endpoint))) == 1
        simple = not (rule.defaults or rule.redirect_to or rule.alias or rule.host or rule.subdomain or rule.websocket)
        literal = len(shape) > 2 and "<" not in shape[1] + shape[2]
        return rule.endpoint in names and plain and alone and simple and literal

    def match(self, path: str) -> tuple[str, dict]:
        """Return the endpoint and path parameters of a GET of ``path``, as Werkzeug's ``MapAdapter.match``."""
        return self.find(path) or self._adapter.match(path, "GET")

    def find(self, path: str) -> tuple[str, dict] | None:
        """Return the catalogue rule Werkzeug would match ``path`` with, found by the index; None if it cannot tell."""
        path = "/" + path.lstrip("/")  # as Werkzeug matches it
        parts = path.split("/", 3)
        for pattern, endpoint, rivals in self._index.get((path.count("/") + 1, *parts[1:3]), ()):
            matched = pattern.fullmatch(path)
            if matched:
                return None if any(rival.fullmatch(path) for rival in rivals) else (endpoint, matched.groupdict())
        return None


class FirstSeen:
    """The values of the first keys seen, at most ``size`` of them: what the requests of a few clients share."""

    def __init__(self, size: int):
        self._values: dict = {}
        self._size = size
        self._lock = threading.Lock()

    def get(self, key, compute):
        """Return the value of ``key``: kept, or computed (and kept while there is room and the key is short)."""
        value = self._values.get(key)
        if value is None:
            value = compute()
            if sum(len(part) for part in key if type(part) is str) <= MAX_KEPT_KEY_CHARS:
                with self._lock:
                    if len(self._values) < self._size:
                        self._values[key] = value
        return value


class CatalogueDispatch:
    """Wrap Flask's WSGI application: answer catalogue GET requests through the pipeline directly."""

    def __init__(self, app: Flask, pipeline: Pipeline, v2_gone: bool):
        self._flask = app.wsgi_app
        self._pipeline = pipeline
        self._request_class = app.request_class
        self._endpoints = {endpoint.name: endpoint for endpoint in ENDPOINTS}
        # No rule depends on the host or subdomain: the map bound once matches every request's path alike.
        # Every rule is added by now (the application is made): the index reads them once.
        self._routes = LiteralRoutes(app.url_map.bind("localhost", subdomain=""), set(self._endpoints))
        self._skipped_prefix = "/v2/" if v2_gone else None
        self._host_urls = FirstSeen(MAX_HOST_URLS)
        self._queries = FirstSeen(MAX_QUERIES)

    def __call__(self, environ, start_response):
        matched = self._match(environ)
        if matched is None:
            return self._flask(environ, start_response)
        endpoint, path_params = matched
        # Not put in the environ (it is only for debugging): the environ and the request would make a cycle
        # that only the garbage collector frees, and its collections grow with the entities the world keeps.
        request = self._request_class(environ, populate_request=False)
        # Both are Werkzeug's own, computed from these fields alone; the query's is immutable, so shared.
        request.host_url = self._host_urls.get(tuple(map(environ.get, HOST_URL_FIELDS)), lambda: request.host_url)
        request.args = self._queries.get((environ.get("QUERY_STRING", ""),), lambda: request.args)
        try:
            answer = self._pipeline.answer(unthrottled_if_normalised(endpoint, environ), path_params, request)
        except ApiError as error:
            answer = outside_answer(error, request.path, request.headers.get("Origin"))
        except Exception:
            log.exception("unexpected error on %s", request.path)
            answer = outside_answer(ApiError("internal_error"), request.path, request.headers.get("Origin"))
        status = answer.status
        if (
            status < 200
            or status in BODILESS_STATUSES
            or any(name.lower() in REWRITTEN_HEADERS for name, _ in answer.headers)
        ):
            return answer.response()(environ, start_response)
        start_response(answer.status_line, answer.headers)
        return [answer.body]

    def _match(self, environ) -> tuple | None:
        """Return the catalogue route and path parameters of a request this layer answers, or None."""
        if environ.get("REQUEST_METHOD") != "GET" or "HTTP_UPGRADE" in environ:
            return None
        host = environ.get("HTTP_HOST")
        if host is not None and not HOST.fullmatch(host):
            return None
        # Werkzeug's decoding of the WSGI path, as Flask's request and adapter do it, then production's routing.
        path = route_as_production(environ, environ.get("PATH_INFO", "").encode("latin1").decode(errors="replace"))
        if self._skipped_prefix and path.startswith(self._skipped_prefix):
            return None
        try:
            name, path_params = self._routes.match(path)
        except HTTPException:
            return None
        endpoint = self._endpoints.get(name)
        return None if endpoint is None else (endpoint, path_params)
