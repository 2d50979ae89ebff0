"""Where the sandbox's shared state lives: in this process, or in Redis for several replicas.

``MOCKSERVER_STORAGE_URL`` names it: ``memory://`` (the default) keeps the rate-limit
counters, the journal and the forced scenario in the process; ``redis://host:port/db`` (or
``rediss://``, ``redis+unix://``) puts them in Redis, so replicas behind a load balancer (and
the workers of one replica) count one budget per token, keep one journal and play one forced
scenario. Every key the sandbox writes starts with ``KEY_PREFIX``.

Redis going away never breaks an answer: every call has a short timeout, and a failed call
marks the storage degraded (one warning line per outage and process). While it is degraded
the counters, the journal, the forced scenario and the pinned clock live in the process (the
last two as this process last set them), Redis is tried again at most once a second,
and the first call that succeeds ends the outage (one more line): shared state resumes by itself.
"""

import collections
import json
import logging
import math
import threading
import time
from urllib.parse import urlsplit

MEMORY_SCHEMES = ("memory",)
REDIS_SCHEMES = ("redis", "rediss", "redis+unix")
KEY_PREFIX = "api-entreprise-sandbox"
COUNTER_PREFIX = f"{KEY_PREFIX}:counters:"
# Seconds a Redis call may take, connection included: a hung Redis costs a request this much, once a second.
REDIS_TIMEOUT_SECONDS = 0.25
# While Redis is down, how long the process answers from its own memory before trying Redis again.
RETRY_SECONDS = 1.0
# Ended windows the counters forget per call at most, so that no request pays for a whole sweep.
FORGET_PER_CALL = 64
# What Redis shares, as health names it: each falls back to this process while Redis is down.
SHARED_STATE = ("counters", "journal", "forcing", "clock")
# Keys whose clearing did not reach Redis that a process remembers, to clear them there once it answers.
MAX_PENDING_CLEARS = 4096

log = logging.getLogger(__name__)


def is_redis(url: str) -> bool:
    """Tell whether ``url`` names a Redis server; raise ValueError for a storage we do not speak."""
    scheme = urlsplit(url).scheme
    if scheme not in MEMORY_SCHEMES + REDIS_SCHEMES:
        raise ValueError(f"storage URL {url!r}: use memory:// or redis://host:port")
    return scheme in REDIS_SCHEMES


def shown(url: str) -> str:
    """Return ``url`` without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@", 1)).geturl()


class MemoryCounters:
    """Counters that expire, in this process, at a constant cost per call.

    ``limits``' own memory storage starts a timer thread every 10 ms under load and makes the
    request wait for it to start; a dict under one lock is all a fixed window needs. Each
    expiry length keeps its keys in creation order, so ended windows are forgotten from the
    front a few at a time, whatever the number of live keys.
    """

    def __init__(self):
        self._counts: dict[str, tuple[int, float]] = {}
        self._created: dict[float, collections.deque[tuple[float, str]]] = {}
        self._lock = threading.Lock()

    def incr(self, key: str, expiry: float) -> int:
        """Add one to ``key`` (created to last ``expiry`` seconds) and return its count."""
        return self.incr_within(key, expiry, None)

    def incr_within(self, key: str, expiry: float, limit: int | None) -> int | None:
        """Add one to ``key`` unless that takes it past ``limit`` (None: no limit); return the count, or None."""
        now = time.monotonic()
        with self._lock:
            self._forget_ended(now)
            count, expires_at = self._counts.get(key, (0, 0.0))
            if expires_at <= now:
                count, expires_at = 0, now + expiry
                self._created.setdefault(expiry, collections.deque()).append((expires_at, key))
            if limit is not None and count + 1 > limit:
                return None
            self._counts[key] = (count + 1, expires_at)
            return count + 1

    def clear(self, key: str) -> None:
        """Forget ``key``."""
        with self._lock:
            self._counts.pop(key, None)

    def _forget_ended(self, now: float) -> None:
        """Drop a few windows that ended (the oldest of each expiry length)."""
        for created in self._created.values():
            for _ in range(FORGET_PER_CALL):
                if not created or created[0][0] > now:
                    break
                expires_at, key = created.popleft()
                # The key may have started a new window since: only its own window's end removes it.
                if self._counts.get(key, (0, None))[1] == expires_at:
                    del self._counts[key]

    def __len__(self) -> int:
        return len(self._counts)

    def reset(self) -> None:
        """Forget every counter."""
        with self._lock:
            self._counts.clear()
            self._created.clear()


class RedisHealth:
    """Whether this process's Redis answers: one warning when an outage starts, one line when it ends."""

    def __init__(self, url: str):
        self.url = url
        self.client = redis_client(url)
        self._down_since: float | None = None
        self._next_try = 0.0
        self._lock = threading.Lock()

    @property
    def degraded(self) -> bool:
        return self._down_since is not None

    def should_try(self) -> bool:
        """Tell whether to call Redis now: always when it is up, once per ``RETRY_SECONDS`` when down."""
        if self._down_since is None:
            return True
        now = time.monotonic()
        with self._lock:
            if now < self._next_try:
                return False
            # One caller probes; the others keep answering from memory meanwhile.
            self._next_try = now + RETRY_SECONDS
            return True

    def failed(self, error: Exception) -> None:
        """Note a failed call; the first of an outage logs one warning."""
        now = time.monotonic()
        with self._lock:
            self._next_try = now + RETRY_SECONDS
            if self._down_since is not None:
                return
            self._down_since = now
        log.warning(
            "storage %s does not answer (%s): rate-limit counters and journal are kept in this process until it does",
            shown(self.url),
            type(error).__name__,
        )

    def succeeded(self, started: float) -> None:
        """Note a call that worked, begun at ``started``; one begun after the outage was seen ends it, with one line.

        A call already under way when another one failed says nothing of Redis since: it ends no outage.
        """
        if self._down_since is None or started < self._down_since:
            return
        with self._lock:
            if self._down_since is None or started < self._down_since:
                return
            lasted = time.monotonic() - self._down_since
            self._down_since = None
        log.warning("storage %s answers again after %.1f s: shared state resumes", shown(self.url), lasted)

    def run(self, action, fallback):
        """Return ``action()`` when Redis answers it in time, else ``fallback()``."""
        import redis

        if not self.should_try():
            return fallback()
        started = time.monotonic()
        try:
            result = action()
        except redis.RedisError as error:
            self.failed(error)
            return fallback()
        self.succeeded(started)
        return result


class RedisCounters:
    """Counters that expire, in Redis (shared by replicas), in this process while Redis is down.

    A key cleared while Redis does not answer (a request's in-flight key) may still be in Redis,
    or reach it late from a hung connection: it is cleared there with the next count that does.
    """

    def __init__(self, client, health: RedisHealth):
        self._redis = client
        self._health = health
        self._fallback = MemoryCounters()
        self._pending: collections.OrderedDict[str, None] = collections.OrderedDict()
        self._lock = threading.Lock()

    def incr(self, key: str, expiry: float) -> int:
        """Add one to ``key`` (created to last ``expiry`` seconds) and return its count."""

        def shared() -> int:
            with self._lock:
                pending = list(self._pending)
            with self._redis.pipeline(transaction=True) as pipe:
                if pending:
                    pipe.delete(*(COUNTER_PREFIX + stale for stale in pending))
                # Created with its expiry if absent, then counted: one round trip, atomic.
                pipe.set(COUNTER_PREFIX + key, 0, ex=math.ceil(expiry), nx=True)
                pipe.incr(COUNTER_PREFIX + key)
                count = pipe.execute()[-1]
            with self._lock:
                for stale in pending:
                    self._pending.pop(stale, None)
            return count

        return self._health.run(shared, lambda: self._fallback.incr(key, expiry))

    def clear(self, key: str) -> None:
        """Forget ``key``, shared and local; remember it to clear in Redis later if Redis does not answer now."""
        self._fallback.clear(key)

        def shared() -> bool:
            self._redis.delete(COUNTER_PREFIX + key)
            return True

        if not self._health.run(shared, lambda: False):
            with self._lock:
                self._pending[key] = None
                if len(self._pending) > MAX_PENDING_CLEARS:
                    self._pending.popitem(last=False)

    def reset(self) -> None:
        """Forget every counter, shared and local."""
        self._fallback.reset()
        with self._lock:
            self._pending.clear()

        def shared() -> None:
            keys = list(self._redis.scan_iter(match=COUNTER_PREFIX + "*", count=1000))
            if keys:
                self._redis.delete(*keys)

        self._health.run(shared, lambda: None)


class MemorySlot:
    """One JSON-able record or none, in this process, replaced only by who saw its current value."""

    def __init__(self):
        self._record: dict | None = None
        self._lock = threading.Lock()

    def read(self) -> dict | None:
        return self._record

    def write(self, record: dict | None) -> None:
        with self._lock:
            self._record = record

    def swap(self, seen: dict, record: dict | None) -> bool:
        """Replace the record by ``record`` if it is still ``seen``; tell whether it was."""
        with self._lock:
            if self._record != seen:
                return False
            self._record = record
            return True


# Compare and set in one step, so that two workers counting down the same record never both spend its last use.
SWAP_SCRIPT = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2]) end
return 1
"""


def _json(record: dict | None) -> str:
    """Return the one spelling of ``record`` that comparisons in Redis use ('' for none)."""
    return "" if record is None else json.dumps(record, sort_keys=True, separators=(",", ":"))


class RedisSlot:
    """One JSON-able record or none, in Redis (shared by replicas and workers), in this process while Redis is down."""

    def __init__(self, name: str, health: RedisHealth):
        self._key = f"{KEY_PREFIX}:{name}"
        self._redis = health.client
        self._health = health
        self._fallback = MemorySlot()
        self._swap = self._redis.register_script(SWAP_SCRIPT)

    def read(self) -> dict | None:
        def shared() -> dict | None:
            raw = self._redis.get(self._key)
            return None if raw is None else json.loads(raw)

        return self._health.run(shared, self._fallback.read)

    def write(self, record: dict | None) -> None:
        """Replace the record, shared and local."""
        self._fallback.write(record)

        def shared() -> None:
            if record is None:
                self._redis.delete(self._key)
            else:
                self._redis.set(self._key, _json(record))

        self._health.run(shared, lambda: None)

    def swap(self, seen: dict, record: dict | None) -> bool:
        """Replace the record by ``record`` if it is still ``seen``; tell whether it was."""
        return self._health.run(
            lambda: bool(self._swap(keys=[self._key], args=[_json(seen), _json(record)])),
            lambda: self._fallback.swap(seen, record),
        )


def slot(url: str, name: str):
    """Return the slot ``name`` of ``url``: in this process, or in Redis with a fallback in this process."""
    if not is_redis(url):
        return MemorySlot()
    return RedisSlot(name, health_of(url))


_HEALTH: dict[str, RedisHealth] = {}
_HEALTH_LOCK = threading.Lock()


def health_of(url: str) -> RedisHealth:
    """Return the client and health of the Redis at ``url`` in this process (counters and journal share them)."""
    with _HEALTH_LOCK:
        if url not in _HEALTH:
            _HEALTH[url] = RedisHealth(url)
        return _HEALTH[url]


def counters(url: str):
    """Return the counters of ``url``: in this process, or in Redis with a fallback in this process."""
    if not is_redis(url):
        return MemoryCounters()
    health = health_of(url)
    return RedisCounters(health.client, health)


def redis_client(url: str):
    """Return a Redis client for ``url`` whose calls fail fast: short timeouts, no retries."""
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return redis.Redis.from_url(
        url.replace("redis+unix://", "unix://", 1),
        socket_timeout=REDIS_TIMEOUT_SECONDS,
        socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
        retry=Retry(NoBackoff(), 0),
        retry_on_timeout=False,
    )


def status(url: str) -> dict:
    """Return where shared state lives and whether it is degraded, asking Redis at most once (bounded)."""
    if not is_redis(url):
        return {"storage": "memory", "degraded": []}
    health = health_of(url)
    health.run(health.client.ping, lambda: None)
    if not health.degraded:
        return {"storage": "redis", "degraded": []}
    return {
        "storage": "redis",
        "degraded": list(SHARED_STATE),
        "detail": f"{shown(url)} does not answer: {', '.join(SHARED_STATE)} are kept in this process until it does",
    }


def check(url: str) -> None:
    """Raise ValueError when the storage of ``url`` cannot be reached."""
    if not is_redis(url):
        return
    import redis

    try:
        redis_client(url).ping()
    except redis.RedisError as error:
        raise ValueError(f"storage {shown(url)} cannot be reached: {error}") from None
