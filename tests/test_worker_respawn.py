"""A killed worker is replaced: the server keeps answering, and only the requests around the kill fail.

On Linux each granian worker listens on its own ``SO_REUSEPORT`` socket: with one worker, the port
refuses connections from the kill until the new worker listens (about a second); with two, the
other worker takes the new connections and only those the killed one held fail.
"""

import signal
import threading
import time

import psutil
import pytest
import requests

from .conftest import TRACEABILITY
from .servers import running_server

PATH = "/v3/insee/sirene/unites_legales/418166096"
CLIENTS = 4
# A client that meets a refused connection waits this long before its next try, as a retrying client does.
BACKOFF_SECONDS = 0.05
# How long the server may fail after a kill, at most.
RECOVERY_SECONDS = 5


def wait_for_workers(master_pid: int, count: int, excluded: frozenset[int] = frozenset()) -> list[psutil.Process]:
    """Wait until ``count`` workers run, none of them in ``excluded``, and return them."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        alive = [w for w in psutil.Process(master_pid).children() if w.pid not in excluded]
        if len(alive) == count:
            return alive
        time.sleep(0.05)
    raise AssertionError(f"{count} worker(s) expected within 20 s")


@pytest.mark.system
@pytest.mark.parametrize(("worker_count", "max_failed"), [(1, 200), (2, 2 * CLIENTS)])
def test_a_killed_worker_is_respawned_under_load(worker_count, max_failed, token):
    env = {
        "MOCKSERVER_WORKERS": str(worker_count),
        "MOCKSERVER_THREADS": "2",
        "MOCKSERVER_RATE_LIMIT_FACTOR": "0",
        "CI": "true",
    }
    with running_server(env=env) as (base, process):
        victim = wait_for_workers(process.pid, worker_count)[0]
        outcomes: list[tuple[float, int | str]] = []
        stop = threading.Event()

        def client():
            session = requests.Session()
            headers = {"Authorization": f"Bearer {token}"}
            while not stop.is_set():
                sent = time.monotonic()
                try:
                    answer = session.get(base + PATH, params=TRACEABILITY, headers=headers, timeout=10)
                    outcomes.append((sent, answer.status_code))
                except requests.RequestException as error:
                    outcomes.append((sent, type(error).__name__))
                    time.sleep(BACKOFF_SECONDS)

        clients = [threading.Thread(target=client) for _ in range(CLIENTS)]
        for thread in clients:
            thread.start()
        time.sleep(1)
        killed_at = time.monotonic()
        victim.send_signal(signal.SIGKILL)
        wait_for_workers(process.pid, worker_count, excluded=frozenset({victim.pid}))
        respawned_in = time.monotonic() - killed_at
        time.sleep(2)
        stop.set()
        for thread in clients:
            thread.join(timeout=20)

        assert process.poll() is None, "the master exited when its worker was killed"
        failed = [(sent - killed_at, outcome) for sent, outcome in outcomes if outcome != 200]
        failing_for = max((at for at, _ in failed), default=0)
        print(
            f"\n{worker_count} worker(s), {CLIENTS} clients: {len(outcomes)} requests, {len(failed)} failed "
            f"{sorted({str(o) for _, o in failed})} within {failing_for:.2f} s of the kill; "
            f"worker respawned in {respawned_in:.1f} s"
        )
        assert len(failed) <= max_failed
        assert failing_for < RECOVERY_SECONDS
        assert sum(1 for sent, outcome in outcomes if sent > killed_at + failing_for and outcome == 200) > CLIENTS
