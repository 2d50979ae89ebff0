"""The gate between granian and the WSGI application: bodies read first, what waits on threads, the rest at once.

granian's WSGI interface hands a request to a worker thread before its body has arrived: four
clients trickling a body a byte at a time held every thread, health included. Under RSGI the
gateway reads the body on the event loop instead, with a deadline (``BODY_SECONDS``, then 408)
and a cap (past ``admin_guard.MAX_BODY_BYTES`` the rest is not read: the application answers
413). A request nothing waits on (``http.at_once``: an API path, no body, no slow provider,
no forcing, state in this process) is then answered on the event loop at once: under the GIL
a thread makes it no faster, and the two hand-overs, to the thread and back, cost more than
the replay of a kept answer. What may wait (a slow provider's sleep, Redis, a document's
build, an admin call) goes to one of the worker's threads, so that the loop never waits.
``/__admin/health`` runs on a thread reserved for it, so that no scenario (four slow
providers hold four threads for six seconds) and no body can make a probe wait. A request
framed twice (``Content-Length`` and ``Transfer-Encoding``) never reaches the gateway as
such: granian's parser keeps the transfer encoding, drops the length and closes the
connection after answering (RFC 9112 §6.3), so nothing smuggled behind such a body is read
as a request.

The environment the application receives is the one granian's WSGI interface builds: the
path percent-decoded and carried as Latin-1 code points of its UTF-8 bytes, repeated headers
joined with commas, ``REMOTE_ADDR`` without the port.
"""

import asyncio
import functools
import io
import sys
from concurrent.futures import ThreadPoolExecutor

from mockserver.http import admin_guard, responses
from mockserver.rules.errors import ApiError

# How long a request's body may take to arrive, in seconds: an admin body of 64 KiB takes milliseconds.
BODY_SECONDS = 5.0
# What probes call; answered on its own thread.
HEALTH_PATH = "/__admin/health"
# Headers the WSGI environment carries without the HTTP_ prefix.
UNPREFIXED = {"content-type": "CONTENT_TYPE", "content-length": "CONTENT_LENGTH"}
WSGI_CONSTANTS = {
    "GATEWAY_INTERFACE": "CGI/1.1",
    "SCRIPT_NAME": "",
    "SERVER_SOFTWARE": "Granian",
    "wsgi.errors": sys.stderr,
    "wsgi.input_terminated": True,
    "wsgi.multiprocess": False,
    "wsgi.multithread": True,
    "wsgi.run_once": False,
    "wsgi.version": (1, 0),
}


def _address(host_and_port: str) -> tuple[str, str]:
    """Split ``host:port`` (``[::1]:port`` for IPv6) into the host and the port."""
    host, _, port = host_and_port.rpartition(":")
    return host.removeprefix("[").removesuffix("]"), port


# A worker listens on one address: split once.
_server_address = functools.lru_cache(maxsize=8)(_address)


@functools.lru_cache(maxsize=256)
def _environ_key(name: str) -> str:
    """Return the WSGI environment's key of a header (names repeat from request to request: each is spelt once)."""
    return UNPREFIXED.get(name) or "HTTP_" + name.upper().replace("-", "_")


def environ(scope, body: bytes) -> dict:
    """Return the WSGI environment of an RSGI request whose body is ``body``."""
    server_name, server_port = _server_address(scope.server)
    path = scope.path
    env = {
        **WSGI_CONSTANTS,
        "REQUEST_METHOD": scope.method,
        # An ASCII path is its own UTF-8 bytes as Latin-1 code points.
        "PATH_INFO": path if path.isascii() else path.encode("utf-8", "surrogateescape").decode("latin-1"),
        "QUERY_STRING": scope.query_string,
        "SERVER_PROTOCOL": f"HTTP/{scope.http_version}",
        "SERVER_NAME": server_name,
        "SERVER_PORT": server_port,
        "REMOTE_ADDR": _address(scope.client)[0],
        "wsgi.url_scheme": scope.scheme,
        "wsgi.input": io.BytesIO(body),
    }
    for name, value in scope.headers.items():
        key = _environ_key(name)
        env[key] = f"{env[key]},{value}" if key in env else value
    if env.pop("HTTP_TRANSFER_ENCODING", None) is not None:
        # The body is whole now: the application reads it by its length, whatever its framing was.
        env["CONTENT_LENGTH"] = str(len(body))
    return env


async def read_body(protocol, cap: int) -> bytes:
    """Return the body, stopping once it is longer than ``cap`` (what follows is never read)."""
    chunks, size = [], 0
    async for chunk in protocol:
        chunks.append(chunk)
        size += len(chunk)
        if size > cap:
            break
    return b"".join(chunks)


def _declared(headers) -> tuple[int | None, bool]:
    """Return the declared length (None: none or not a number) and whether a transfer encoding is named."""
    length = headers.get("content-length")
    return (int(length) if length and length.isdigit() else None), "transfer-encoding" in headers


def call_wsgi(app, env: dict) -> tuple[int, list[tuple[str, str]], bytes]:
    """Run the WSGI application on ``env`` and return its status, headers and body."""
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = int(status.split(" ", 1)[0]), headers

    chunks = app(env, start_response)
    try:
        body = b"".join(chunks)
    finally:
        if hasattr(chunks, "close"):
            chunks.close()
    return answer["status"], answer["headers"], body


def error_answer(key: str, path: str) -> tuple[int, list[tuple[str, str]], bytes]:
    """Return the API-shaped error ``key`` for a request the application never saw."""
    response = responses.outside_error(ApiError(key), path)
    return response.status_code, list(response.headers.items()), response.get_data()


class Gateway:
    """An RSGI application around a WSGI one: bodies read on the event loop, what waits run on worker threads."""

    def __init__(self, app, threads: int, at_once=None):
        self._app = app
        # Whether nothing in answering a request waits (None: anything may, every request takes a thread).
        self._at_once = at_once
        self._threads = ThreadPoolExecutor(threads, thread_name_prefix="sandbox")
        self._health = ThreadPoolExecutor(1, thread_name_prefix="sandbox-health")

    async def __rsgi__(self, scope, protocol):
        if scope.proto != "http":
            return
        answer = await self._answer(scope, protocol)
        protocol.response_bytes(*answer)

    async def _answer(self, scope, protocol) -> tuple[int, list[tuple[str, str]], bytes]:
        length, chunked = _declared(scope.headers)
        body = b""
        # A body declared longer than the cap is refused by the application from its length (413), unread.
        too_long = length is not None and length > admin_guard.MAX_BODY_BYTES
        if (length or chunked) and not too_long:
            try:
                body = await asyncio.wait_for(read_body(protocol, admin_guard.MAX_BODY_BYTES), BODY_SECONDS)
            except TimeoutError:
                return error_answer("request_timeout", scope.path)
        env = environ(scope, body)
        if self._at_once is not None and self._at_once(env):
            return call_wsgi(self._app, env)
        threads = self._health if scope.path == HEALTH_PATH else self._threads
        return await asyncio.get_running_loop().run_in_executor(threads, call_wsgi, self._app, env)
