"""Several replicas, one Redis: one budget per token and one journal, whichever replica answers."""

import subprocess

import pytest
import requests

from mockserver.rules.ratelimit import RateLimiter
from mockserver.state.journal import Journal, RedisJournal, open_journal
from mockserver.state.shared_state import KEY_PREFIX, MemoryCounters, is_redis

from .helpers import TRACEABILITY
from .servers import SCRIPT, running_server, wait_for_a_fresh_window

PATH = "/v2/entreprises/418166096"


@pytest.mark.system
def test_two_replicas_share_one_budget_and_one_journal(empty_redis, token):
    env = {"MOCKSERVER_STORAGE_URL": empty_redis, "MOCKSERVER_RATE_LIMIT_FACTOR": "0.02", "CI": "true"}
    with running_server(env=env) as (first, _), running_server(env=env) as (second, _):
        wait_for_a_fresh_window(10)
        headers = {"Authorization": f"Bearer {token}"}
        answers = [
            requests.get(base + PATH, params=TRACEABILITY, headers=headers, timeout=5)
            for base in (first, second, first, second, first, second)
        ]
        # 5 per minute (250 x 0.02), counted once across both replicas.
        assert [a.headers["RateLimit-Remaining"] for a in answers] == ["4", "3", "2", "1", "0", "0"]
        assert [a.status_code for a in answers] == [200, 200, 200, 200, 200, 429]

        journals = [requests.get(f"{base}/__admin/requests", timeout=5).json()["requests"] for base in (first, second)]
        assert journals[0] == journals[1]
        assert [e["status"] for e in journals[0]] == [200, 200, 200, 200, 200, 429]

        assert requests.post(f"{second}/__admin/reset", timeout=5).status_code == 204
        assert requests.get(f"{first}/__admin/requests", timeout=5).json() == {"requests": []}
        again = requests.get(first + PATH, params=TRACEABILITY, headers=headers, timeout=5)
        assert (again.status_code, again.headers["RateLimit-Remaining"]) == (200, "4")


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.system)])
def storage_url(request):
    """Each storage the sandbox speaks: the process's memory, a real Redis."""
    if request.param == "memory":
        return "memory://"
    return request.getfixturevalue("empty_redis")


def test_journal_is_bounded_masked_and_clearable(storage_url):
    journal = open_journal(storage_url, 3)
    assert isinstance(journal, RedisJournal if is_redis(storage_url) else Journal)
    for index in range(5):
        journal.record(method="GET", path=f"/{index}", params={"token": ["secret"]}, status=200, scenario=None)
    entries = journal.entries()
    assert [e.path for e in entries] == ["/2", "/3", "/4"]
    assert entries[0].params == {"token": ["[masqué]"]}
    assert "secret" not in str(entries)
    journal.clear()
    assert journal.entries() == []


def test_an_entry_comes_back_as_it_went_in(storage_url):
    """Through Redis too: the entry read back is the one written, and so is its JSON form."""
    journal = open_journal(storage_url, 10)
    violations = [{"rule": "recipient", "detail": "pas un SIRET"}]
    journal.record(method="GET", path="/x", params={}, status=404, violations=violations, near_miss=None)
    (entry,) = journal.entries()
    assert (entry.violations, entry.missed, entry.near_miss) == (violations, True, None)
    assert list(entry.to_json()) == [
        *"time method path params status scenario endpoint".split(),
        "near_miss",
        "violations",
    ]


def test_a_journal_of_size_zero_keeps_nothing(storage_url):
    journal = open_journal(storage_url, 0)
    journal.record(method="GET", path="/x", params={}, status=200)
    assert journal.entries() == []


def test_counters_align_windows_on_the_minute(storage_url):
    limiter = RateLimiter({"g": 2}, storage_url, 1)
    assert (limiter.hit("g", "t", 120.0).remaining, limiter.hit("g", "t", 179.9).remaining) == (1, 0)
    assert limiter.hit("g", "t", 179.95).exceeded
    fresh = limiter.hit("g", "t", 180.0)
    assert (fresh.remaining, fresh.reset, fresh.exceeded) == (1, 240, False)
    limiter.reset()
    assert limiter.hit("g", "t", 180.0).remaining == 1


@pytest.mark.system
def test_redis_keys_carry_the_sandbox_prefix(empty_redis):
    import redis

    RateLimiter({"g": 2}, empty_redis, 1).hit("g", "t", 120.0)
    open_journal(empty_redis, 5).record(method="GET", path="/", params={}, status=200)
    keys = redis.Redis.from_url(empty_redis).keys("*")
    assert keys and all(k.decode().startswith(KEY_PREFIX) for k in keys)


def test_memory_counters_forget_ended_windows(monkeypatch):
    counters = MemoryCounters()
    clock = iter([0.0, 1.0, 200.0])
    monkeypatch.setattr("mockserver.state.shared_state.time.monotonic", lambda: next(clock))
    assert counters.incr("window-1", 120) == 1
    assert counters.incr("window-1", 120) == 2
    assert counters.incr("window-3", 120) == 1
    assert list(counters._counts) == ["window-3"]


@pytest.mark.system
@pytest.mark.parametrize(
    ("storage_url", "message"),
    [
        ("memcached://127.0.0.1:11211", "MOCKSERVER_STORAGE_URL / --storage-url = 'memcached://127.0.0.1:11211'"),
        ("redis://127.0.0.1:1/0", "cannot be reached"),
    ],
)
def test_serve_refuses_a_storage_it_cannot_use(storage_url, message):
    result = subprocess.run(
        [str(SCRIPT), "serve", "--storage-url", storage_url], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 2
    assert message in result.stderr


@pytest.mark.system
def test_two_workers_play_one_forced_scenario_and_one_reset(empty_redis, token):
    env = {"MOCKSERVER_STORAGE_URL": empty_redis, "MOCKSERVER_WORKERS": "2", "MOCKSERVER_RATE_LIMIT_FACTOR": "0"}
    with running_server(env={**env, "CI": "true"}) as (base, _):
        headers = {"Authorization": f"Bearer {token}"}

        def statuses(count: int) -> list[int]:
            # A connection per request, so that the kernel spreads them over both workers.
            return [
                requests.get(base + PATH, params=TRACEABILITY, headers=headers, timeout=5).status_code
                for _ in range(count)
            ]

        forced = {"scenario": "provider_unavailable", "routes": None, "times": None, "delay_seconds": None}
        assert requests.post(f"{base}/__admin/scenario", json=forced, timeout=5).status_code == 200
        seen = {str(requests.get(f"{base}/__admin/scenario", timeout=5).json()["forced"]) for _ in range(10)}
        assert statuses(20) == [503] * 20
        assert requests.post(f"{base}/__admin/reset", timeout=5).status_code == 204
        assert statuses(20) == [200] * 20

        # A countdown is one count: five calls in all, whichever worker answers them.
        assert requests.post(f"{base}/__admin/scenario", json={**forced, "times": 5}, timeout=5).status_code == 200
        assert sorted(statuses(12)) == [200] * 7 + [503] * 5
    assert seen == {str({**forced, "routes": []})}
