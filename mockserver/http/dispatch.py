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

Paths are routed as production's router reads them, as Flask routes them (``routing``).

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

from mockserver.catalogue import ENDPOINTS
from mockserver.http.pipeline import Pipeline
from mockserver.http.responses import outside_error
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
        # No rule depends on the host or subdomain: the map bound once matches every request's path alike.
        self._urls = app.url_map.bind("localhost", subdomain="")
        self._endpoints = {endpoint.name: endpoint for endpoint in ENDPOINTS}
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
            response = self._pipeline.answer(unthrottled_if_normalised(endpoint, environ), path_params, request)
        except ApiError as error:
            response = outside_error(error, request.path, request.headers.get("Origin"))
        except Exception:
            log.exception("unexpected error on %s", request.path)
            response = outside_error(ApiError("internal_error"), request.path, request.headers.get("Origin"))
        status = response.status_code
        headers = response.headers.to_wsgi_list()
        if status < 200 or status in BODILESS_STATUSES or any(name.lower() in REWRITTEN_HEADERS for name, _ in headers):
            return response(environ, start_response)
        start_response(response.status, headers)
        return [response.get_data()]

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
            name, path_params = self._urls.match(path, "GET")
        except HTTPException:
            return None
        endpoint = self._endpoints.get(name)
        return None if endpoint is None else (endpoint, path_params)
