"""Workers and their master: a killed worker is replaced, only the requests around the kill failing.

A worker dying twice in a row is replaced twice; workers die with their master; a second
instance refuses the port of the first.

On Linux each granian worker listens on its own ``SO_REUSEPORT`` socket: with one worker, the port
refuses connections from the kill until the new worker listens (about a second); with two, the
other worker takes the new connections and only those the killed one held fail.
"""

import inspect
import os
import signal
import socket
import subprocess
import threading
import time

import psutil
import pytest
import requests

from mockserver.serving.server import MAX_RESPAWNS, RESPAWN_WINDOW_SECONDS, RespawnBudget

from .helpers import TRACEABILITY
from .servers import SCRIPT, running_server

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
        time.sleep(RECOVERY_SECONDS)
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


@pytest.mark.system
def test_a_second_serve_on_a_busy_port_exits_naming_the_port():
    with running_server(env={"CI": "true"}) as (base, _):
        port = base.rsplit(":", 1)[1]
        second = subprocess.run(
            [str(SCRIPT), "serve", "--port", port],
            capture_output=True,
            text=True,
            timeout=30,
            env={**os.environ, "CI": "true"},
        )
        # The first still answers alone: the second never listened beside it.
        assert requests.get(f"{base}/__admin/health", timeout=5).status_code == 200
    assert second.returncode == 2
    assert f"--port = {port}" in second.stderr and "already in use" in second.stderr


@pytest.mark.system
@pytest.mark.parametrize("worker_count", [1, 2])
def test_workers_die_with_their_master(worker_count):
    with running_server(env={"MOCKSERVER_WORKERS": str(worker_count), "CI": "true"}) as (base, process):
        workers = wait_for_workers(process.pid, worker_count)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        gone, alive = psutil.wait_procs(workers, timeout=5)
        for orphan in alive:
            orphan.kill()
        port = int(base.rsplit(":", 1)[1])
    assert not alive, f"{len(alive)} worker(s) still running 5 s after their master was killed"
    # The port is free again for the next instance.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", port))


@pytest.mark.system
def test_two_deaths_of_a_worker_in_quick_succession_leave_the_instance_serving():
    with running_server(env={"MOCKSERVER_WORKERS": "2", "CI": "true"}) as (base, process):
        first = wait_for_workers(process.pid, 2)[0]
        title = " ".join(first.cmdline())
        first.send_signal(signal.SIGKILL)
        killed_at = time.monotonic()
        # Its replacement (granian titles a worker with its number), killed 1.5 s after it: the same worker
        # dying twice, as an out-of-memory kill may do.
        replacement = next(
            w for w in wait_for_workers(process.pid, 2, frozenset({first.pid})) if " ".join(w.cmdline()) == title
        )
        time.sleep(max(0.0, killed_at + 1.5 - time.monotonic()))
        replacement.send_signal(signal.SIGKILL)
        wait_for_workers(process.pid, 2, frozenset({first.pid, replacement.pid}))
        time.sleep(1)
        assert process.poll() is None, "the master took two worker deaths for a crash loop and exited"
        assert requests.get(f"{base}/__admin/health", timeout=5).status_code == 200


def test_the_respawn_budget_sees_a_crash_loop_only_once_a_worker_spent_it():
    now = [0.0]
    budget = RespawnBudget(clock=lambda: now[0])
    for respawn in range(MAX_RESPAWNS - 1):
        now[0] = budget[1] = float(respawn)
        budget.clear()
        assert budget.get(1, 0) == 0 and budget.get(0, 0) == 0
    now[0] = budget[1] = 10.0
    assert budget.get(1, 0) == 10.0, "the last respawn of a spent budget is granian's crash loop"
    assert budget.get(0, 0) == 0, "another worker's budget is its own"
    now[0] = RESPAWN_WINDOW_SECONDS + 5.0
    assert budget.get(1, 0) == 0, "respawns older than the window are forgotten"


def test_granian_still_reads_its_respawn_record_where_the_budget_sits():
    from granian.server.common import AbstractServer

    source = inspect.getsource(AbstractServer._serve_loop)
    assert "self.respawned_wrks.get(idx, 0)" in source and "self.respawned_wrks.clear()" in source
