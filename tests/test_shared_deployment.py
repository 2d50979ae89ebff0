"""The shared deployment of ``deploy/``, with real processes: three sandboxes on one Redis behind nginx.

A client runs through the load balancer while one replica is killed and Redis is restarted;
the test counts the requests that failed, then checks the replicas agree on the journal and
on each token's rate-limit budget. nginx comes from Debian (``.ci/install-nginx``, run here
when it is missing); where it cannot be installed the test is skipped with a loud warning.
"""

import contextlib
import re
import shutil
import signal
import subprocess
import threading
import time
import warnings
from pathlib import Path

import psutil
import pytest
import requests

from mockserver.config import DEFAULT_SECRET
from mockserver.rules.auth import mint
from mockserver.state import shared_state

from .helpers import TRACEABILITY
from .redis_server import RedisToBreak
from .servers import free_port, running_server, wait_for_a_fresh_window, wait_until_serving

ROOT = Path(__file__).resolve().parent.parent
ADMIN_TOKEN = "admin-token-of-the-shared-deployment"
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
PATH = "/v3/insee/sirene/unites_legales/418166096"
REPLICAS = 3
CLIENTS = 4


def nginx_binary() -> str:
    """Return nginx, installed the way the project installs its tools; skip loudly when impossible."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if found is None:
        subprocess.run([str(ROOT / ".ci" / "install-nginx")], capture_output=True, text=True, timeout=600)
        found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if found is None:
        message = (
            "!!! nginx could not be installed (.ci/install-nginx needs root and apt-get): "
            "the shared deployment test is SKIPPED"
        )
        warnings.warn(message, stacklevel=1)
        print(f"\n{message}")
        pytest.skip(message)
    return found


@contextlib.contextmanager
def running_nginx(binary: str, upstreams: list[str], tmp_path: Path):
    """Run deploy/nginx.conf with ``upstreams`` as its servers, on a free port; yield its base URL."""
    port = free_port()
    servers = "".join(f"        server {address} max_fails=1 fail_timeout=5s;\n" for address in upstreams)
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    conf, replaced = re.subn(r"        server sandbox:8080[^\n]*\n", servers, conf)
    assert replaced == 1
    conf = conf.replace("listen 8080;", f"listen 127.0.0.1:{port};")
    (tmp_path / "nginx.conf").write_text(conf)
    process = subprocess.Popen(
        [binary, "-p", str(tmp_path), "-c", "nginx.conf", "-e", "stderr", "-g", "daemon off; pid nginx.pid;"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(process, f"{base}/__admin/health", seconds=10)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def kill_replica(process: subprocess.Popen) -> None:
    """Kill a replica as a crashed container dies: its master and its workers at once."""
    family = [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
    for member in family:
        member.send_signal(signal.SIGKILL)
    process.wait(timeout=10)


@pytest.mark.system
def test_three_replicas_behind_nginx_survive_a_dead_replica_and_a_redis_restart(tmp_path, token):
    binary = nginx_binary()
    redis = RedisToBreak(tmp_path)
    env = {
        "MOCKSERVER_STORAGE_URL": redis.url,
        "MOCKSERVER_ADMIN_TOKEN": ADMIN_TOKEN,
        "MOCKSERVER_RATE_LIMIT_FACTOR": "100",
        "CI": "true",
    }
    try:
        with contextlib.ExitStack() as stack:
            replicas = [stack.enter_context(running_server(env=env)) for _ in range(REPLICAS)]
            upstreams = [base.removeprefix("http://") for base, _ in replicas]
            balancer = stack.enter_context(running_nginx(binary, upstreams, tmp_path))

            statuses: dict[int | str, int] = {}
            stop = threading.Event()

            def client(number: int):
                session = requests.Session()
                headers = {"Authorization": f"Bearer {token}"}
                sent = 0
                while not stop.is_set():
                    # Each request its own object: identical requests in flight at once rightly answer 409.
                    sent += 1
                    params = {**TRACEABILITY, "object": f"client {number}, request {sent}"}
                    try:
                        answer = session.get(balancer + PATH, params=params, headers=headers, timeout=10)
                        outcome = answer.status_code
                    except requests.RequestException as error:
                        outcome = type(error).__name__
                    statuses[outcome] = statuses.get(outcome, 0) + 1

            clients = [threading.Thread(target=client, args=(number,)) for number in range(CLIENTS)]
            for thread in clients:
                thread.start()
            time.sleep(1.5)
            kill_replica(replicas[0][1])
            time.sleep(1.5)
            redis.kill()
            time.sleep(1.5)
            during_outage = requests.get(f"{balancer}/__admin/health", timeout=5).json()
            redis.restart()
            time.sleep(2 * shared_state.RETRY_SECONDS + 0.5)
            stop.set()
            for thread in clients:
                thread.join(timeout=20)

            alive = [base for base, _ in replicas[1:]]
            health = [requests.get(f"{base}/__admin/health", timeout=5).json()["status"] for base in alive]

            # One journal: cleared through one replica, filled through the balancer, read from each replica.
            assert requests.delete(f"{alive[0]}/__admin/requests", headers=ADMIN, timeout=5).status_code == 204
            fresh = mint(DEFAULT_SECRET, ["entreprises"], issued_at=0, expires_at=None)
            remaining = []
            for _ in range(6):
                answer = requests.get(
                    balancer + PATH, params=TRACEABILITY, headers={"Authorization": f"Bearer {fresh}"}, timeout=5
                )
                remaining.append(int(answer.headers["RateLimit-Remaining"]))
            journals = [requests.get(f"{base}/__admin/requests", headers=ADMIN, timeout=5).json() for base in alive]
    finally:
        redis.resume()
        redis.kill()

    failed = sum(count for outcome, count in statuses.items() if outcome != 200)
    print(
        f"\nthree replicas behind nginx, {CLIENTS} clients: {sum(statuses.values())} requests, {failed} failed "
        f"({statuses}) while one replica was killed and Redis restarted; health during the outage: "
        f"{during_outage['status']}; after: {health}; budget of a fresh token across replicas: {remaining}"
    )
    # A replica killed mid-answer loses the answers it had begun to send (nginx retries only those it had not):
    # at most one per client, and never as an HTTP error but a 409: nginx retries on another replica a request
    # whose in-flight key the killed replica holds, as production's shared key would. Every other one is a 200.
    assert all(outcome in (200, 409) or isinstance(outcome, str) for outcome in statuses), statuses
    assert failed <= CLIENTS
    assert during_outage["status"] == "degraded" and health == ["ok", "ok"]
    # One budget: each request through any replica takes one from the same count.
    assert remaining == list(range(remaining[0], remaining[0] - 6, -1))
    assert journals[0] == journals[1]
    assert len(journals[0]["requests"]) == 6


SCENARIO_REQUESTS = 20
# The sandbox's own 502 and 503: answers it gives on purpose, that a balancer must pass on as they are.
SCENARIOS = ("provider_error", "provider_unavailable")


@pytest.mark.system
def test_scenarios_through_nginx_are_answered_once_and_cost_no_other_client_anything(tmp_path, empty_redis):
    binary = nginx_binary()
    env = {"MOCKSERVER_STORAGE_URL": empty_redis, "MOCKSERVER_ADMIN_TOKEN": ADMIN_TOKEN, "CI": "true"}
    with contextlib.ExitStack() as stack:
        replicas = [stack.enter_context(running_server(env=env)) for _ in range(REPLICAS)]
        balancer = stack.enter_context(
            running_nginx(binary, [base.removeprefix("http://") for base, _ in replicas], tmp_path)
        )
        polls: list[int | str] = []
        stop = threading.Event()

        def poll_health():
            session = requests.Session()
            while not stop.is_set():
                try:
                    polls.append(session.get(f"{balancer}/__admin/health", timeout=5).status_code)
                except requests.RequestException as error:
                    polls.append(type(error).__name__)
                time.sleep(0.05)

        # The budget is read across the requests: all of them in one minute's window.
        wait_for_a_fresh_window(SCENARIO_REQUESTS * 0.25 + 3)
        poller = threading.Thread(target=poll_health)
        poller.start()
        fresh = mint(DEFAULT_SECRET, ["entreprises"], issued_at=0, expires_at=None)
        answers = []
        for number in range(SCENARIO_REQUESTS):
            answers.append(
                requests.get(
                    f"{balancer}/v2/entreprises/418166096",
                    params={**TRACEABILITY, "object": f"scenario {number}"},
                    headers={"Authorization": f"Bearer {fresh}", "X-Mock-Scenario": SCENARIOS[number % 2]},
                    timeout=10,
                )
            )
            time.sleep(0.25)
        stop.set()
        poller.join(timeout=10)
        journal = requests.get(f"{replicas[0][0]}/__admin/requests", headers=ADMIN, timeout=5).json()["requests"]

    print(
        f"\n{SCENARIO_REQUESTS} scenario requests through nginx: statuses {sorted({a.status_code for a in answers})}; "
        f"health polls of another client: {len(polls)}, failed {sum(1 for p in polls if p != 200)}"
    )
    assert [a.status_code for a in answers] == [502, 503] * (SCENARIO_REQUESTS // 2)
    assert polls and all(p == 200 for p in polls), polls
    # Journalled once and counted once each: nginx passed every answer on, never tried another replica.
    objects = [e["params"]["object"][0] for e in journal if e["path"] == "/v2/entreprises/418166096"]
    assert objects == [f"scenario {number}" for number in range(SCENARIO_REQUESTS)]
    remaining = [int(a.headers["RateLimit-Remaining"]) for a in answers]
    assert remaining == list(range(remaining[0], remaining[0] - SCENARIO_REQUESTS, -1))
