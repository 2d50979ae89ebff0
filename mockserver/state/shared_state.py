"""Where the sandbox's shared state lives: in this process, or in Redis for several replicas.

``MOCKSERVER_STORAGE_URL`` names it: ``memory://`` (the default) keeps the rate-limit
counters and the journal in the process; ``redis://host:port/db`` (or ``rediss://``,
``redis+unix://``) puts both in Redis, so replicas behind a load balancer count one budget
per token and keep one journal. Every key the sandbox writes starts with ``KEY_PREFIX``.
"""

import threading
import time
from urllib.parse import urlsplit

MEMORY_SCHEMES = ("memory",)
REDIS_SCHEMES = ("redis", "rediss", "redis+unix")
KEY_PREFIX = "api-entreprise-sandbox"


def is_redis(url: str) -> bool:
    """Tell whether ``url`` names a Redis server; raise ValueError for a storage we do not speak."""
    scheme = urlsplit(url).scheme
    if scheme not in MEMORY_SCHEMES + REDIS_SCHEMES:
        raise ValueError(f"storage URL {url!r}: use memory:// or redis://host:port")
    return scheme in REDIS_SCHEMES


class MemoryCounters:
    """Counters that expire, in this process.

    ``limits``' own memory storage starts a timer thread every 10 ms under load and makes the
    request wait for it to start; a dict under one lock is all a fixed window needs.
    """

    def __init__(self):
        self._counts: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def incr(self, key: str, expiry: float) -> int:
        """Add one to ``key`` (created to last ``expiry`` seconds) and return its count."""
        return self.incr_within(key, expiry, None)

    def incr_within(self, key: str, expiry: float, limit: int | None) -> int | None:
        """Add one to ``key`` unless that takes it past ``limit`` (None: no limit); return the count, or None."""
        now = time.monotonic()
        with self._lock:
            count, expires_at = self._counts.get(key, (0, 0.0))
            if expires_at <= now:
                # A new window: forget the ones that ended, so the dict stays as small as the live windows.
                self._counts = {k: v for k, v in self._counts.items() if v[1] > now}
                count, expires_at = 0, now + expiry
            if limit is not None and count + 1 > limit:
                return None
            self._counts[key] = (count + 1, expires_at)
            return count + 1

    def reset(self) -> None:
        """Forget every counter."""
        with self._lock:
            self._counts.clear()


def counters(url: str):
    """Return the counters of ``url``: in this process, or ``limits``' Redis storage."""
    if not is_redis(url):
        return MemoryCounters()
    from limits.storage import storage_from_string

    return storage_from_string(url, key_prefix=KEY_PREFIX)


def redis_client(url: str):
    """Return a Redis client for ``url``."""
    import redis

    return redis.Redis.from_url(url.replace("redis+unix://", "unix://", 1))


def check(url: str) -> None:
    """Raise ValueError when the storage of ``url`` cannot be reached."""
    if not is_redis(url):
        return
    import redis

    try:
        redis_client(url).ping()
    except redis.RedisError as error:
        raise ValueError(f"storage {url} cannot be reached: {error}") from None
