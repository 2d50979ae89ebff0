r"""The access log: one line per request on standard output, as text or as JSON.

It is a WSGI middleware, so that it logs what the application answered (route, scenario)
whatever server runs it. Tokens are masked as in the journal: the ``token`` query parameter
however its name is spelt (``%74oken`` is decoded before it is compared), and a JWT wherever
it is, by its shape (the path, any parameter once decoded, the user agent). A line cannot be
forged or read differently from what it holds: control characters a client sent (a decoded
``%0A`` in the path, a NUL), and every character that does not print or reorders text
(U+202E and the other bidirectional controls, U+2028, C1 controls, zero-width characters),
are written escaped in both formats — ``\xNN``/``\uNNNN`` in the text one, JSON's ``\uNNNN``
in the JSON one, the format to use when the log is shared or read by machines.
"""

import json
import re
import sys
import threading
import time
import unicodedata
from datetime import UTC, datetime
from urllib.parse import unquote_plus

from mockserver.state.journal import MASK, mask_tokens

# The pipeline leaves the catalogue route and the scenario it played here, for the log line.
ROUTE_KEY = "mockserver.route"
SECRET_PARAMS = ("token",)
# What the text format escapes besides the hidden characters: its own delimiters.
DELIMITERS = ('"', "\\")
# A character outside printable ASCII is looked at; of those, these categories are escaped: controls, format
# characters (bidirectional controls, zero-width ones), surrogates, line and paragraph separators, private and
# unassigned code points.
OUTSIDE_ASCII = re.compile(r'[^\x20-\x7e]|["\\]')
HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp", "Co", "Cn"})


def _masked(query: str) -> str:
    """Return a query string with the token's value masked (its name compared once decoded), and any JWT."""
    pairs = query.split("&")
    for index, pair in enumerate(pairs):
        name, equals, value = pair.partition("=")
        if equals and unquote_plus(name, encoding="latin-1").strip().lower() in SECRET_PARAMS:
            pairs[index] = f"{name}={MASK}"
        elif mask_tokens(unquote_plus(pair)) != unquote_plus(pair):
            # A JWT under another name, or percent-encoded: the pair is masked whole, name included if need be.
            masked_name = name if mask_tokens(unquote_plus(name)) == unquote_plus(name) else MASK
            pairs[index] = f"{masked_name}={MASK}" if equals else MASK
    return "&".join(pairs)


def _hidden(character: str) -> bool:
    return unicodedata.category(character) in HIDDEN_CATEGORIES


def _text_escape(character: str) -> str:
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _json_escape(character: str) -> str:
    utf16 = character.encode("utf-16-be")
    return "".join(f"\\u{int.from_bytes(utf16[i : i + 2]):04x}" for i in range(0, len(utf16), 2))


def _escaped(text: str) -> str:
    """Return ``text`` with hidden characters, quotes and backslashes escaped, so a value stays in its field."""
    return OUTSIDE_ASCII.sub(
        lambda m: _text_escape(m.group()) if m.group() in DELIMITERS or _hidden(m.group()) else m.group(), text
    )


def _json_escaped(line: str) -> str:
    """Return a JSON line with its hidden characters written as JSON escapes (json escapes only C0 by itself)."""
    return OUTSIDE_ASCII.sub(lambda m: _json_escape(m.group()) if _hidden(m.group()) else m.group(), line)


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
    return _json_escaped(json.dumps(fields, ensure_ascii=False, separators=(",", ":")))


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
            "path": mask_tokens(_path(environ)),
            "query": _masked(environ.get("QUERY_STRING", "")),
            "protocol": environ.get("SERVER_PROTOCOL", "-"),
            "status": answer.get("status", 0),
            "bytes": answer.get("bytes", 0),
            "duration_ms": round((time.perf_counter() - started) * 1000, 2),
            "endpoint": route.get("endpoint"),
            "scenario": route.get("scenario"),
            "user_agent": mask_tokens(environ.get("HTTP_USER_AGENT", "")),
        }
        line = self._format(fields) + "\n"
        # Lines of concurrent requests must not interleave; flush so that a pipe (a container) shows them at once.
        with self._lock:
            self._stream.write(line)
            self._stream.flush()
        return body
