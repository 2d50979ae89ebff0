"""The access log: one line per request on standard output, as text or as JSON.

It is a WSGI middleware, so that it logs what the application answered (route, scenario)
whatever server runs it. The ``token`` query parameter is masked, as in the journal, however
its name is spelt (``%74oken`` is decoded before it is compared). A line cannot be forged:
control characters a client sent (a decoded ``%0A`` in the path, a NUL) are written escaped
in the text format, and JSON escapes them by itself — the JSON format is the one to use when
the log is shared or read by machines.
"""

import json
import re
import sys
import threading
import time
from datetime import UTC, datetime
from urllib.parse import unquote_plus

from mockserver.state.journal import MASK

# The pipeline leaves the catalogue route and the scenario it played here, for the log line.
ROUTE_KEY = "mockserver.route"
SECRET_PARAMS = ("token",)
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\\\"]")


def _masked(query: str) -> str:
    """Return a query string with the token's value masked, its name compared once decoded."""
    pairs = query.split("&")
    for index, pair in enumerate(pairs):
        name, equals, _ = pair.partition("=")
        if equals and unquote_plus(name, encoding="latin-1").strip().lower() in SECRET_PARAMS:
            pairs[index] = f"{name}={MASK}"
    return "&".join(pairs)


def _escaped(text: str) -> str:
    """Return ``text`` with control characters, quotes and backslashes escaped, so a value stays in its field."""
    return CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def _path(environ: dict) -> str:
    """Return the request's path as text (WSGI hands it over as Latin-1-decoded bytes)."""
    return environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "replace")


def text_line(fields: dict) -> str:
    """Return a request's log line: the common log format's fields, then duration, route and scenario."""
    target = fields["path"] + (f"?{fields['query']}" if fields["query"] else "")
    request_line = _escaped(f"{fields['method']} {target} {fields['protocol']}")
    return (
        f'{fields["remote_addr"]} - - [{fields["time"]}] "{request_line}" '
        f"{fields['status']} {fields['bytes']} {fields['duration_ms']}ms "
        f"{fields['endpoint'] or '-'} {fields['scenario'] or '-'}"
    )


def json_line(fields: dict) -> str:
    """Return a request's log line as one JSON object."""
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))


FORMATTERS = {"text": text_line, "json": json_line}


class AccessLog:
    """Wrap a WSGI application to log one line per request."""

    def __init__(self, app, log_format: str, stream=None):
        self._app = app
        self._format = FORMATTERS[log_format]
        self._stream = stream or sys.stdout
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        answer = {}

        def recording_start_response(status, headers, exc_info=None):
            answer["status"] = int(status.split(" ", 1)[0])
            answer["bytes"] = next((int(v) for k, v in headers if k.lower() == "content-length"), 0)
            return start_response(status, headers, exc_info)

        body = self._app(environ, recording_start_response)
        route = environ.get(ROUTE_KEY, {})
        fields = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "remote_addr": environ.get("REMOTE_ADDR", "-"),
            "method": environ.get("REQUEST_METHOD", "-"),
            "path": _path(environ),
            "query": _masked(environ.get("QUERY_STRING", "")),
            "protocol": environ.get("SERVER_PROTOCOL", "-"),
            "status": answer.get("status", 0),
            "bytes": answer.get("bytes", 0),
            "duration_ms": round((time.perf_counter() - started) * 1000, 2),
            "endpoint": route.get("endpoint"),
            "scenario": route.get("scenario"),
            "user_agent": environ.get("HTTP_USER_AGENT", ""),
        }
        line = self._format(fields) + "\n"
        # Lines of concurrent requests must not interleave; flush so that a pipe (a container) shows them at once.
        with self._lock:
            self._stream.write(line)
            self._stream.flush()
        return body
