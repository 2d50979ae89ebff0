"""Redis down or hung degrades the sandbox, never its answers; shared state (counters, journal, clock) comes back."""

import logging
import threading
import time

import pytest
import redis
import requests

from mockserver.config import Settings
from mockserver.http.app import create_app
from mockserver.state import shared_state

from .helpers import TRACEABILITY
from .servers import running_server

PATH = "/v3/insee/sirene/unites_legales/418166096"
# One request may wait for one Redis timeout per call it makes (counter, journal) when an outage starts.
SLOWEST_ANSWER_SECONDS = 1.0


def sandbox(redis_url: str):
    """Return a test client of a sandbox on ``redis_url`` with real rate limits."""
    return create_app(Settings(storage_url=redis_url, rate_limit_factor=1, access_log="off")).test_client()


def call(client, token):
    started = time.monotonic()
    answer = client.get(PATH, query_string=TRACEABILITY, headers={"Authorization": f"Bearer {token}"})
    return answer, time.monotonic() - started


def health(client):
    started = time.monotonic()
    answer = client.get("/__admin/health")
    return answer.json, time.monotonic() - started


def wait_for_recovery(client) -> dict:
    """Call the health route until Redis answers again (it is tried once per second)."""
    deadline = time.monotonic() + 5 * shared_state.RETRY_SECONDS
    while time.monotonic() < deadline:
        body, _ = health(client)
        if body["status"] == "ok":
            return body
        time.sleep(0.1)
    raise AssertionError("shared state did not resume")


@pytest.mark.system
def test_a_dead_redis_degrades_answers_to_memory_and_health_says_so(breakable_redis, token, caplog):
    client = sandbox(breakable_redis.url)
    assert call(client, token)[0].headers["RateLimit-Remaining"] == "249"
    assert health(client)[0] == {"status": "ok", "storage": "redis", "degraded": []}

    breakable_redis.kill()
    with caplog.at_level(logging.WARNING, logger=shared_state.__name__):
        answers = [call(client, token) for _ in range(30)]
        body, seconds = health(client)
    assert {a.status_code for a, _ in answers} == {200}
    assert max(s for _, s in answers) < SLOWEST_ANSWER_SECONDS
    # Counted in this process while Redis is away: the budget goes on from zero, headers still there.
    assert [a.headers["RateLimit-Remaining"] for a, _ in answers[:3]] == ["249", "248", "247"]
    assert (body["status"], body["degraded"]) == ("degraded", ["counters", "journal", "forcing", "clock"])
    assert seconds < 1
    assert [r.levelname for r in caplog.records] == ["WARNING"], "one warning per outage, not per request"
    assert "does not answer" in caplog.records[0].getMessage()
    journal = client.get("/__admin/requests").json["requests"]
    assert len(journal) == 30 and {e["status"] for e in journal} == {200}

    breakable_redis.restart()
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger=shared_state.__name__):
        assert wait_for_recovery(client) == {"status": "ok", "storage": "redis", "degraded": []}
    assert "answers again" in caplog.records[0].getMessage()
    # Shared state resumed by itself: the counter lives in the restarted Redis again.
    assert call(client, token)[0].status_code == 200
    keys = redis.Redis.from_url(breakable_redis.url).keys(shared_state.COUNTER_PREFIX + "*")
    assert len(keys) == 1
    assert [e["path"] for e in client.get("/__admin/requests").json["requests"]] == [PATH]


@pytest.mark.system
def test_a_hung_redis_costs_a_bounded_wait_and_health_answers_within_a_second(breakable_redis, token):
    client = sandbox(breakable_redis.url)
    assert call(client, token)[0].status_code == 200
    breakable_redis.suspend()
    try:
        answers = [call(client, token) for _ in range(20)]
        body, seconds = health(client)
        assert {a.status_code for a, _ in answers} == {200}
        assert max(s for _, s in answers) < SLOWEST_ANSWER_SECONDS
        # Only the first answer pays the timeouts; the others answer from memory at once.
        assert sum(s for _, s in answers[1:]) < SLOWEST_ANSWER_SECONDS
        assert body["status"] == "degraded" and seconds < 1
        assert client.post("/__admin/reset").status_code == 204
    finally:
        breakable_redis.resume()
    assert wait_for_recovery(client)["status"] == "ok"


def timed_health(base: str) -> tuple[dict, float]:
    """Return the health route's body and how long it took."""
    started = time.monotonic()
    body = requests.get(f"{base}/__admin/health", timeout=5).json()
    return body, time.monotonic() - started


@pytest.mark.system
def test_redis_killed_restarted_and_hung_under_load_answers_every_request(breakable_redis, token):
    env = {
        "MOCKSERVER_STORAGE_URL": breakable_redis.url,
        "MOCKSERVER_WORKERS": "2",
        "MOCKSERVER_RATE_LIMIT_FACTOR": "100",
        "CI": "true",
    }
    with running_server(env=env) as (base, process):
        statuses: dict[int | str, int] = {}
        stop = threading.Event()

        def client(number: int):
            session = requests.Session()
            # Each client its own object: identical requests in flight at once would rightly answer 409.
            params = {**TRACEABILITY, "object": f"client {number}"}
            while not stop.is_set():
                try:
                    answer = session.get(
                        base + PATH, params=params, headers={"Authorization": f"Bearer {token}"}, timeout=10
                    )
                    outcome = answer.status_code
                except requests.RequestException as error:
                    outcome = type(error).__name__
                statuses[outcome] = statuses.get(outcome, 0) + 1

        clients = [threading.Thread(target=client, args=(number,)) for number in range(4)]
        for thread in clients:
            thread.start()
        time.sleep(0.5)
        breakable_redis.kill()
        time.sleep(1)
        killed = timed_health(base)
        breakable_redis.restart()
        time.sleep(2 * shared_state.RETRY_SECONDS)
        back = timed_health(base)
        breakable_redis.suspend()
        time.sleep(1)
        hung = timed_health(base)
        breakable_redis.resume()
        time.sleep(2 * shared_state.RETRY_SECONDS)
        stop.set()
        for thread in clients:
            thread.join(timeout=20)
        recovered = requests.get(f"{base}/__admin/health", timeout=5).json()
        process.terminate()
        output = process.communicate(timeout=10)[0]

    print(
        f"\nstatuses through Redis killed, restarted, stopped, continued: {statuses}; health: "
        f"killed {killed[1]:.3f} s {killed[0]['status']}, restarted {back[0]['status']}, "
        f"stopped {hung[1]:.3f} s {hung[0]['status']}"
    )
    assert set(statuses) == {200}, output
    assert [killed[0]["status"], back[0]["status"], hung[0]["status"]] == ["degraded", "ok", "degraded"], output
    assert killed[1] < 1 and hung[1] < 1
    assert recovered["status"] == "ok"
    # One line per outage and worker, not per request: two outages (killed, restarted after a stop), two workers.
    assert 1 <= output.count("does not answer") <= 4, output
    assert "Traceback" not in output


def test_a_call_begun_before_an_outage_was_seen_does_not_end_it(caplog):
    health = shared_state.RedisHealth("redis://127.0.0.1:1/0")
    begun_before = time.monotonic()
    with caplog.at_level(logging.WARNING, logger=shared_state.__name__):
        health.failed(redis.ConnectionError())
        # Another thread's call, under way when the failure came, then answers: Redis may be gone since.
        health.succeeded(begun_before)
        assert health.degraded
        health.succeeded(time.monotonic())
    assert not health.degraded
    assert [r.getMessage().split(" (")[0].split(" after")[0] for r in caplog.records] == [
        "storage redis://127.0.0.1:1/0 does not answer",
        "storage redis://127.0.0.1:1/0 answers again",
    ]


KBIS = "/v3/infogreffe/rcs/unites_legales/418166096/extrait_kbis"


def extracted(client, token) -> str:
    """Return the day a Kbis asked without X-Mock-Clock is extracted on: the world's default instant's."""
    answer = client.get(KBIS, query_string=TRACEABILITY, headers={"Authorization": f"Bearer {token}"})
    return answer.json["data"]["date_extrait"]


@pytest.mark.system
def test_a_clock_pinned_on_one_replica_is_read_by_every_replica_until_a_reset_on_any(breakable_redis, token):
    first, second = sandbox(breakable_redis.url), sandbox(breakable_redis.url)
    today = extracted(first, token)
    assert first.post("/__admin/clock", json={"clock": "2024-01-15"}).status_code == 200
    assert second.get("/__admin/clock").json == {"clock": "2024-01-15T12:00:00+01:00", "pinned": "2024-01-15"}
    assert [extracted(client, token) for client in (first, second)] == ["2024-01-15"] * 2
    assert second.post("/__admin/clock", json={"clock": "2021-03-01T09:30:00+01:00"}).status_code == 200
    assert extracted(first, token) == "2021-03-01"
    assert second.post("/__admin/reset").status_code == 204
    assert first.get("/__admin/clock").json["pinned"] is None
    assert extracted(first, token) == today


@pytest.mark.system
def test_a_dead_redis_keeps_the_clock_each_replica_last_pinned_and_shares_it_again_when_back(breakable_redis, token):
    first, second = sandbox(breakable_redis.url), sandbox(breakable_redis.url)
    today = extracted(first, token)
    assert first.post("/__admin/clock", json={"clock": "2024-01-15"}).status_code == 200

    breakable_redis.kill()
    # Each process answers from what it wrote itself: the replica that pinned keeps its pin, the other its setting.
    assert extracted(first, token) == "2024-01-15"
    assert extracted(second, token) == today
    assert second.post("/__admin/clock", json={"clock": "2023-06-01"}).status_code == 200
    assert extracted(second, token) == "2023-06-01"

    breakable_redis.restart()
    wait_for_recovery(first), wait_for_recovery(second)
    # Redis restarted empty: no pin anywhere, until one replica pins again for all.
    assert [extracted(client, token) for client in (first, second)] == [today] * 2
    assert second.post("/__admin/clock", json={"clock": "2022-02-02"}).status_code == 200
    assert extracted(first, token) == "2022-02-02"
