"""The two headers that differ on every answer: ``x-request-id`` and ``x-runtime``, as Rails' stack adds them.

Production's stack (Rails 8.1, rack 3.2) runs every request through ``Rack::Runtime`` then
``ActionDispatch::RequestId``: the answer gets the client's ``X-Request-Id`` stripped of all but
ASCII letters, digits, ``_``, ``-`` and ``@`` and cut to 255 characters (a fresh UUID when the client
sent none, or only blanks), then the seconds the request took, six decimals. Both sit inside rack-cors,
which answers a preflight in front of them, so a preflight carries neither; the object storage the
documents' URLs point to is no Rails application either. The answers a preflight or the storage gives
say so in their WSGI environment (``OUTSIDE_RAILS``).

This layer sits above the replay and the journal: a replayed answer gets an id and a runtime of its own,
and the memo, the journal and its HAR and VCR exports keep the answer without them, as they keep it
without the ``Date`` the server adds.
"""

import os
import re
import time

# Set in a request's WSGI environment by what answers it in front of Rails' stack, or outside it.
OUTSIDE_RAILS = "mockserver.outside_rails"
REQUEST_ID = "x-request-id"
RUNTIME = "x-runtime"
# ActionDispatch::RequestId: what it keeps of the client's id (Ruby's \w is ASCII), and how much of it.
KEPT_RUN = re.compile(r"[\w@-]+", re.ASCII)
LONGEST_ID = 255


def request_id(sent: str | None) -> str:
    """Return the id of a request: the client's ``X-Request-Id`` as Rails sanitises it, else a fresh UUID."""
    if sent is None or not sent.strip():
        return fresh_uuid()
    kept, length = [], 0
    # Run by run, so that a header of megabytes costs no copy of itself: only the 255 characters kept.
    for run in KEPT_RUN.finditer(sent):
        start, end = run.span()
        end = min(end, start + LONGEST_ID - length)
        kept.append(sent[start:end])
        length += end - start
        if length == LONGEST_ID:
            break
    return "".join(kept)


def fresh_uuid() -> str:
    """Return a random version 4 UUID, as ``uuid.uuid4`` draws it, written without building its object."""
    digits = os.urandom(16).hex()
    # The version digit is 4; the variant's two high bits are 10 (one of 8, 9, a, b).
    variant = "89ab"[int(digits[16], 16) & 3]
    return f"{digits[:8]}-{digits[8:12]}-4{digits[13:16]}-{variant}{digits[17:20]}-{digits[20:]}"


class RequestTrace:
    """WSGI middleware adding ``x-request-id`` and ``x-runtime`` to every answer of production's Rails stack."""

    def __init__(self, app):
        self._app = app

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        trace_id = request_id(environ.get("HTTP_X_REQUEST_ID"))

        def tracing_start_response(status, headers, exc_info=None):
            if not environ.get(OUTSIDE_RAILS):
                runtime = f"{time.perf_counter() - started:.6f}"
                headers = [*headers, (REQUEST_ID, trace_id), (RUNTIME, runtime)]
            return start_response(status, headers, exc_info)

        return self._app(environ, tracing_start_response)
