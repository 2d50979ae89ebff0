"""The gateway in front of the application: slow bodies and slow providers never starve health; framing is checked."""

import asyncio
import gc
import socket
import threading
import time
from urllib.parse import urlsplit

import pytest
import requests

from mockserver.serving import gateway
from mockserver.serving.server import application

from .helpers import TRACEABILITY, steady_headers
from .servers import running_server

PATH = "/v3/insee/sirene/unites_legales/418166096"
CLIENTS = 4
# The slow provider's delay in this test: long enough to hold every thread while health is polled.
SLOW_SECONDS = 3


def raw_connection(base: str) -> socket.socket:
    parts = urlsplit(base)
    return socket.create_connection((parts.hostname, parts.port), timeout=10)


def exchange(base: str, head: str, body: bytes = b"") -> str:
    """Send raw bytes and return everything answered until the server closes or goes quiet."""
    with raw_connection(base) as sock:
        sock.sendall(head.encode() + body)
        sock.settimeout(1)
        answered = b""
        try:
            while chunk := sock.recv(65536):
                answered += chunk
        except TimeoutError:
            pass
        return answered.decode("latin-1")


def trickle_an_admin_body(base: str, outcome: list, stop: threading.Event) -> None:
    """Announce a 1,000-byte admin body and send it a byte at a time, as a slow client does."""
    with raw_connection(base) as sock:
        sock.sendall(
            b"POST /__admin/scenario HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Content-Length: 1000\r\n\r\n"
        )
        try:
            while not stop.wait(0.5):
                sock.sendall(b" ")
        except OSError:
            pass  # the gateway gave up on the body and closed
        sock.settimeout(10)
        outcome.append(sock.recv(65536).decode("latin-1").split("\r\n", 1)[0])


@pytest.mark.system
def test_slow_bodies_and_slow_providers_leave_health_answering(token):
    env = {"MOCKSERVER_SLOW_PROVIDER_SECONDS": str(SLOW_SECONDS), "MOCKSERVER_RATE_LIMIT_FACTOR": "0", "CI": "true"}
    with running_server(env=env) as (base, _):
        stop, bodies, slow = threading.Event(), [], []

        def slow_provider(number: int):
            answer = requests.get(
                base + PATH,
                params={**TRACEABILITY, "object": f"slow {number}"},
                headers={"Authorization": f"Bearer {token}", "X-Mock-Scenario": "slow_provider"},
                timeout=30,
            )
            slow.append(answer.status_code)

        clients = [threading.Thread(target=trickle_an_admin_body, args=(base, bodies, stop)) for _ in range(CLIENTS)]
        clients += [threading.Thread(target=slow_provider, args=(number,)) for number in range(CLIENTS)]
        for client in clients:
            client.start()
        time.sleep(0.5)
        durations = []
        for _ in range(10):
            started = time.monotonic()
            assert requests.get(f"{base}/__admin/health", timeout=10).json()["status"] == "ok"
            durations.append(time.monotonic() - started)
            time.sleep(0.1)
        stop.set()
        for client in clients:
            client.join(timeout=30)

    print(f"\nhealth under {CLIENTS} slow bodies and {CLIENTS} slow providers: slowest {max(durations) * 1000:.0f} ms")
    assert max(durations) < 0.5
    assert slow == [200] * CLIENTS
    # A body that does not arrive within the deadline is refused, the thread never held.
    assert bodies == ["HTTP/1.1 408 Request Timeout"] * CLIENTS


@pytest.fixture(scope="module")
def server():
    with running_server(env={"CI": "true"}) as (base, _):
        yield base


@pytest.mark.system
@pytest.mark.parametrize(
    ("head", "body", "status"),
    [
        # A body longer than an admin body may be: refused from its length, without reading it.
        (
            f"POST /__admin/scenario HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {10**9}\r\n\r\n",
            b"{",
            413,
        ),
        # The same, chunked: read up to the cap (64 KiB, less than these 80), then refused.
        (
            "POST /__admin/scenario HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n",
            b"".join(f"{4096:x}\r\n".encode() + b" " * 4096 + b"\r\n" for _ in range(20)) + b"0\r\n\r\n",
            413,
        ),
        # A body within the cap reaches the application whole.
        (
            "POST /__admin/scenario HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n",
            b'1c\r\n{"scenario": "not_found"}   \r\n0\r\n\r\n',
            200,
        ),
    ],
    ids=["declared too long", "chunked too long", "chunked within the cap"],
)
def test_bodies_are_capped(server, head, body, status):
    assert exchange(server, head, body).split(" ")[1] == str(status)
    requests.delete(f"{server}/__admin/scenario", timeout=5)


@pytest.mark.system
def test_a_request_framed_twice_smuggles_nothing(server):
    # The chunked body ends at once; a reader of the length would take the next request's first bytes as body.
    smuggled = "GET /__admin/scenarios HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    answered = exchange(
        server,
        "POST /__admin/reset HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
        b"0\r\n\r\n" + smuggled.encode(),
    )
    # One answer, from the chunked framing, then the connection is closed: the smuggled request is never read.
    assert answered.startswith("HTTP/1.1 204") and answered.count("HTTP/1.1 ") == 1


class Headers(list):
    """RSGI's headers: pairs, with ``get`` and ``in`` by lower-case name."""

    def get(self, name, default=None):
        return next((value for key, value in self if key == name), default)

    def items(self):
        return list(self)


class Scope:
    """What granian's RSGI interface hands over for one HTTP request."""

    proto, http_version, method, scheme = "http", "1.1", "POST", "http"
    server, client = "127.0.0.1:8080", "[::1]:51234"
    path = "/v3/a\nb/société/x/y"
    query_string = "q=a+b%20c&token=%74"
    headers = Headers(
        [("host", "sandbox:8080"), ("x-dup", "1"), ("x-dup", "2"), ("content-type", "application/json")]
        + [("transfer-encoding", "chunked")]
    )


def test_the_environment_is_the_one_granians_wsgi_interface_builds():
    env = gateway.environ(Scope(), b'{"a": 1}')
    # granian's WSGI path: percent-decoded, its UTF-8 bytes as Latin-1 code points.
    assert env["PATH_INFO"] == "/v3/a\nb/sociÃ©tÃ©/x/y"
    assert env["QUERY_STRING"] == "q=a+b%20c&token=%74"
    assert (env["REMOTE_ADDR"], env["SERVER_NAME"], env["SERVER_PORT"]) == ("::1", "127.0.0.1", "8080")
    assert (env["HTTP_HOST"], env["HTTP_X_DUP"], env["CONTENT_TYPE"]) == ("sandbox:8080", "1,2", "application/json")
    # The body is read whole: the application reads it by its length.
    assert "HTTP_TRANSFER_ENCODING" not in env and env["CONTENT_LENGTH"] == "8"
    assert env["wsgi.input"].read() == b'{"a": 1}'


class Protocol:
    """An RSGI protocol: hands over the request's body, keeps the answer it is given."""

    def __init__(self, body: bytes = b""):
        self.body = body

    async def __aiter__(self):
        if self.body:
            yield self.body

    def response_bytes(self, status, headers, body):
        self.answer = (status, steady_headers(headers), body)


class Get(Scope):
    """A GET of a v3 unité légale, with the token and the traceability parameters."""

    method, path = "GET", "/v3/insee/sirene/unites_legales/418166096"
    query_string = "context=test&recipient=13002526500013&object=essai"

    def __init__(self, token: str, path: str | None = None, *headers: tuple[str, str]):
        self.path = path or self.path
        self.headers = Headers([("host", "sandbox:8080"), ("authorization", f"Bearer {token}"), *headers])


def answer_through(front: gateway.Gateway, scope, body: bytes = b"") -> tuple:
    """Return what the gateway answers ``scope``."""
    protocol = Protocol(body)
    asyncio.run(front.__rsgi__(scope, protocol))
    return protocol.answer


@pytest.fixture
def served(monkeypatch):
    """Return a builder of the gateway a server's worker builds, from environment variables."""
    threshold = gc.get_threshold()

    def build(**env: str) -> gateway.Gateway:
        quiet = {"CI": "true", "MOCKSERVER_RATE_LIMIT_FACTOR": "0", "MOCKSERVER_SLOW_PROVIDER_SECONDS": "0.05"}
        for name, value in {**quiet, **env}.items():
            monkeypatch.setenv(name, value)
        # The worker freezes what it built; the suite's process keeps its own collector as it is.
        monkeypatch.setattr(gc, "freeze", lambda: None)
        return application()

    yield build
    gc.set_threshold(*threshold)


def test_a_worker_collects_young_objects_far_less_often_than_python_does(served):
    # Python's default is 700; the world's caches make each collection of the older generations dear.
    served()
    assert gc.get_threshold()[0] >= 10 * 700


def without_threads(front: gateway.Gateway) -> gateway.Gateway:
    """Shut the gateway's threads down: what still gets answered was answered on the event loop."""
    front._threads.shutdown()
    front._health.shutdown()
    return front


def test_a_new_identifier_and_the_kept_answers_are_answered_on_the_event_loop(served, token):
    front = without_threads(served())
    # The first answer of an identifier, the second (which the replay keeps), and the kept one, replayed.
    first = answer_through(front, Get(token, "/v3/insee/sirene/unites_legales/552049447"))
    assert first[0] == 200
    assert answer_through(front, Get(token, "/v3/insee/sirene/unites_legales/552049447")) == first
    assert answer_through(front, Get(token, "/v3/insee/sirene/unites_legales/552049447")) == first


# A forcing of the slow provider, with a delay of its own.
FORCED_DELAY = b'{"scenario": "slow_provider", "delay_seconds": 0.05}'


@pytest.mark.parametrize(
    ("env", "scope", "body"),
    [
        ({}, lambda token: Get(token, Get.path, ("x-mock-scenario", "slow_provider")), b""),
        ({}, lambda token: Get(token, "/v3/insee/sirene/unites_legales/999990096"), b""),
        ({}, lambda token: Get(token, "/v3/insee/sirene/etablissements/99999009600011"), b""),
        ({}, lambda token: Get(token), FORCED_DELAY),
        (
            {},
            lambda token: Get(token, Get.path, ("content-type", "application/json"), ("content-length", "19")),
            b'{"context": "test"}',
        ),
        ({}, lambda token: Get(token, gateway.HEALTH_PATH), b""),
        ({"MOCKSERVER_STORAGE_URL": "redis://127.0.0.1:1/0"}, lambda token: Get(token), b""),
    ],
    ids=["slow scenario", "slow provider's SIREN", "slow provider's SIRET", "forced delay", "body", "health", "Redis"],
)
def test_what_may_wait_is_never_answered_on_the_event_loop(served, token, env, scope, body):
    front = served(**env)
    if body == FORCED_DELAY:
        forcing = Get(token, "/__admin/scenario")
        # The admin API answers the loopback's names.
        forcing.method = "POST"
        forcing.headers = Headers(
            [("host", "127.0.0.1:8080"), ("content-type", "application/json"), ("content-length", str(len(body)))]
        )
        assert answer_through(front, forcing, body)[2].startswith(b'{"forced":{"scenario":"slow_provider"')
        body = b""
    without_threads(front)
    with pytest.raises(RuntimeError, match="after shutdown"):
        answer_through(front, scope(token), body)
