"""The gateway in front of the application: slow bodies and slow providers never starve health; framing is checked."""

import socket
import threading
import time
from urllib.parse import urlsplit

import pytest
import requests

from .conftest import TRACEABILITY
from .servers import running_server

# Every test here runs the server as its users do.
pytestmark = pytest.mark.system

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
