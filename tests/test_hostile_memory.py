"""Memory a caller cannot pin: bounded token cache, pruned pacing map, counters that forget ended windows."""

import gc
import secrets
import statistics
import threading
import time
import tracemalloc

import psutil
import pytest
import requests

from mockserver.config import DEFAULT_SECRET, Settings
from mockserver.http.app import create_app
from mockserver.rules import auth
from mockserver.rules.auth import TokenCache, preset_token, verify
from mockserver.rules.ratelimit import SWEEP_FROM, Pacing
from mockserver.state import journal
from mockserver.state.shared_state import FORGET_PER_CALL, MemoryCounters

from .helpers import TRACEABILITY
from .servers import running_server

PATH = "/v3/insee/sirene/unites_legales/418166096"
# A bearer string as long as the server accepts in a header, many times over.
HUGE_TOKEN_CHARS = 400_000
# What the flood may add to the worker's resident memory, and how much slower a legitimate caller may get.
RSS_GROWTH_BOUND_MB = 60
LATENCY_FACTOR_BOUND = 10


def test_invalid_tokens_are_never_cached(monkeypatch):
    monkeypatch.setattr(auth, "VERIFIED", TokenCache(auth.CACHE_BYTES))
    for _ in range(50):
        junk = "a." * 1000 + secrets.token_urlsafe(16)
        try:
            verify(junk, DEFAULT_SECRET, 0)
        except Exception:
            pass
    assert (len(auth.VERIFIED), auth.VERIFIED.size) == (0, 0)
    verify(preset_token("default", DEFAULT_SECRET), DEFAULT_SECRET, 0)
    assert len(auth.VERIFIED) == 1


def test_the_token_cache_is_bounded_in_bytes_and_drops_the_least_recent():
    cache = TokenCache(max_bytes=20_000)
    claims = auth.Token(uid="u", jti="j", privileges=(), expires_at=None)
    for index in range(1000):
        cache.put(f"token-{index:04}" + "x" * 500, "secret", claims)
    assert cache.size <= 20_000 and 0 < len(cache) < 1000
    assert cache.get("token-0999" + "x" * 500, "secret") is claims
    assert cache.get("token-0000" + "x" * 500, "secret") is None
    cache.put("y" * (auth.LONGEST_CACHED_TOKEN + 1), "secret", claims)
    assert cache.get("y" * (auth.LONGEST_CACHED_TOKEN + 1), "secret") is None


def test_a_flood_of_huge_tokens_leaves_no_megabytes_behind():
    # The served defaults: rate limits on, so every token is counted under its digest.
    client = create_app(Settings(access_log="off")).test_client()
    client.get(PATH, query_string=TRACEABILITY, headers={"Authorization": "Bearer " + "w" * 100})
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(60):
            huge = secrets.token_urlsafe(HUGE_TOKEN_CHARS * 3 // 4)
            answer = client.get(PATH, query_string=TRACEABILITY, headers={"Authorization": f"Bearer {huge}"})
            assert answer.status_code == 401
        del huge, answer
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    # Sixty tokens weigh 24 MB: what stays is the journal's and the counters' small entries, not the tokens.
    assert kept < 2 * HUGE_TOKEN_CHARS, f"{kept / 2**20:.1f} MB kept"


def test_the_pacing_map_forgets_waits_that_ended():
    pacing = Pacing()
    for index in range(20 * SWEEP_FROM):
        now = float(index)
        pacing.retry_after(f"token-{index}", "json_resources", not_before=now + 10, now=now)
    assert len(pacing) < 2 * SWEEP_FROM
    assert pacing.too_early(f"token-{20 * SWEEP_FROM - 1}", "json_resources", 20 * SWEEP_FROM)


def test_memory_counters_forget_ended_windows_a_few_at_a_time(monkeypatch):
    counters = MemoryCounters()
    now = [0.0]
    monkeypatch.setattr("mockserver.state.shared_state.time.monotonic", lambda: now[0])
    for index in range(10 * FORGET_PER_CALL):
        counters.incr(f"flood-{index}", 120)
    now[0] = 200.0
    assert counters.incr("legitimate", 120) == 1
    # One call forgets a bounded number of ended windows, and the next ones go on.
    assert len(counters) == 10 * FORGET_PER_CALL - FORGET_PER_CALL + 1
    for _ in range(9):
        counters.incr("legitimate", 120)
    assert len(counters) == 1 and counters.incr("legitimate", 120) == 11


def worker_rss_mb(master_pid: int) -> float:
    return sum(w.memory_info().rss for w in psutil.Process(master_pid).children()) / 2**20


@pytest.mark.system
def test_a_flood_of_distinct_tokens_neither_pins_memory_nor_starves_a_legitimate_caller(token):
    env = {"MOCKSERVER_THREADS": "4", "CI": "true"}
    with running_server(env=env) as (base, process):
        session = requests.Session()
        legitimate = {"Authorization": f"Bearer {token}"}

        def timed_call() -> float:
            started = time.monotonic()
            assert session.get(base + PATH, params=TRACEABILITY, headers=legitimate, timeout=10).status_code == 200
            return time.monotonic() - started

        for _ in range(20):  # warm the worker: the company, the route, the cache
            timed_call()
        before = worker_rss_mb(process.pid)
        quiet = statistics.median(timed_call() for _ in range(30))

        stop = threading.Event()
        sent = [0]

        def flood(kind: str):
            flooding = requests.Session()
            while not stop.is_set():
                if kind == "huge":
                    headers = {"Authorization": "Bearer " + secrets.token_urlsafe(HUGE_TOKEN_CHARS * 3 // 4)}
                else:  # a distinct token each time, told to wait by a forced 429: counters and pacing entries
                    headers = {
                        "Authorization": f"Bearer {secrets.token_urlsafe(24)}",
                        "X-Mock-Scenario": "rate_limited",
                    }
                flooding.get(base + PATH, params=TRACEABILITY, headers=headers, timeout=10)
                sent[0] += 1

        flooders = [threading.Thread(target=flood, args=(kind,)) for kind in ("huge", "huge", "distinct", "distinct")]
        for thread in flooders:
            thread.start()
        time.sleep(1)
        under_flood = statistics.median(timed_call() for _ in range(40))
        time.sleep(4)
        stop.set()
        for thread in flooders:
            thread.join(timeout=20)
        after = worker_rss_mb(process.pid)

    print(
        f"\nflood: {sent[0]} requests with distinct tokens; worker RSS {before:.0f} -> {after:.0f} MB; "
        f"legitimate median {quiet * 1000:.1f} ms quiet, {under_flood * 1000:.1f} ms under flood"
    )
    assert after - before < RSS_GROWTH_BOUND_MB
    assert under_flood < LATENCY_FACTOR_BOUND * quiet + 0.02


def test_the_journal_cuts_long_values_so_its_entries_stay_small(client):
    long_value = "x" * 400_000
    client.get("/v2/entreprises/418166096", query_string={"context": long_value, "token": long_value})
    client.get("/v2/entreprises/" + "1" * 100_000)
    first, second = client.get("/__admin/requests").json["requests"]
    assert first["params"]["context"] == ["x" * journal.LONGEST_VALUE + "…[400000 caractères]"]
    assert first["params"]["token"] == [journal.MASK]
    assert len(second["path"]) < journal.LONGEST_VALUE + 30
