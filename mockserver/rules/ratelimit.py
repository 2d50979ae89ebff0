"""Per-token rate limits in fixed windows aligned on the minute (CONTRACT §1.6, §3.6).

The real server counts requests per token (the SHA-256 of the JWT) and per group of routes,
in windows that end on the next period boundary, and tells the client on every response of
a throttled route. Counters live in the process by default and in Redis with
``MOCKSERVER_STORAGE_URL`` (see ``shared_state``): an atomic ``incr`` with expiry is the counter,
the window's start is part of the key, which is what aligns the windows on the minute.
"""

import hashlib
import math
import threading
from datetime import datetime
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

from mockserver.state import shared_state

PERIOD = 60
DAY = 86400
# Providers count their daily quotas by the French calendar day.
PARIS = ZoneInfo("Europe/Paris")
# Tokens whose digest is kept: a client sends the same few tokens on every request. A longer
# string than any real token is hashed each time, so that the kept ones cannot pin a caller's megabytes.
DIGESTS_KEPT = 256
LONGEST_KEPT_TOKEN = 4096


def token_digest(token: str) -> str:
    """Return the SHA-256 of a token, the name the real server counts it under."""
    return _kept_digest(token) if len(token) <= LONGEST_KEPT_TOKEN else _digest(token)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


_kept_digest = lru_cache(maxsize=DIGESTS_KEPT)(_digest)


class Budget(NamedTuple):
    """The state of one token's budget in one group after a request (a tuple: one is built per counted request)."""

    limit: int
    remaining: int
    reset: int
    exceeded: bool
    forced: bool = False

    def headers(self, now: float) -> dict[str, str]:
        """Return the rate-limit headers, with ``Retry-After`` once the budget is exceeded."""
        headers = {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset),
        }
        if self.exceeded:
            headers["Retry-After"] = str(self.retry_after(now))
        return headers

    def retry_after(self, now: float) -> int:
        """Return the whole seconds left before the window ends, as production counts them: none once it ended."""
        return max(0, self.reset - math.floor(now))


class RateLimiter:
    """Count requests per token and group; limits scaled by ``factor`` (0 switches them off)."""

    def __init__(self, limits: dict[str, int], storage_url: str, factor: float):
        self.limits = {group: max(1, round(limit * factor)) for group, limit in limits.items()}
        self.enabled = factor > 0
        self.storage = shared_state.counters(storage_url)

    @property
    def counts_in_process(self) -> bool:
        """Tell whether the counters live in this process (they can then count within a budget)."""
        return isinstance(self.storage, shared_state.MemoryCounters)

    def hit(self, group: str, token: str, now: float) -> Budget:
        """Count one request of ``token`` in ``group`` and return its budget."""
        window = int(now // PERIOD)
        count = self.storage.incr(f"ratelimit/{group}/{token_digest(token)}/{window}", expiry=2 * PERIOD)
        return self._budget(group, window, count)

    def hit_within(self, group: str, token: str, now: float) -> Budget | None:
        """Count one request that stays within the budget and return the budget; None, counting nothing, past it.

        Only for counters in this process (``counts_in_process``).
        """
        window = int(now // PERIOD)
        key = f"ratelimit/{group}/{token_digest(token)}/{window}"
        count = self.storage.incr_within(key, expiry=2 * PERIOD, limit=self.limits[group])
        return None if count is None else self._budget(group, window, count)

    def _budget(self, group: str, window: int, count: int) -> Budget:
        """Return the budget of a token that sent ``count`` requests in ``window``."""
        limit = self.limits[group]
        return Budget(
            limit=limit,
            remaining=max(0, limit - count),
            reset=(window + 1) * PERIOD,
            exceeded=count > limit,
        )

    def exhausted(self, group: str, now: float) -> Budget:
        """Return a spent budget whose window ends on the next second: the forced 429 of a scenario."""
        return Budget(limit=self.limits[group], remaining=0, reset=math.floor(now) + 1, exceeded=True, forced=True)

    def count_today(self, key: str, now: float) -> int:
        """Count one event of ``key`` in the Paris calendar day of ``now`` and return the day's count.

        Providers' own quotas (the ACOSS's attestations per SIREN) live here too, whatever the
        limit factor: they are a provider's behaviour, not the API's throttle.
        """
        today = datetime.fromtimestamp(now, PARIS).date().isoformat()
        return self.storage.incr(f"daily/{key}/{today}", expiry=2 * DAY)

    def reset(self) -> None:
        """Forget every counter."""
        self.storage.reset()


# The pacing map is first swept of ended waits when it holds this many.
SWEEP_FROM = 1024


class Pacing:
    """When each token may call each rate-limit group again after a 429 (its Retry-After).

    A wait that ended is forgotten: the map is swept whenever it doubled since the last sweep,
    so it holds the tokens still waiting (and as many again at most), at a constant cost per call.
    """

    def __init__(self):
        self._not_before: dict[tuple[str, str], float] = {}
        self._sweep_at = SWEEP_FROM
        self._lock = threading.Lock()

    @staticmethod
    def _key(token: str, group: str) -> tuple[str, str]:
        return token_digest(token), group

    def too_early(self, token: str, group: str, now: float) -> bool:
        """Tell whether a call now comes before the Retry-After of the token's last 429 elapsed."""
        if not self._not_before:  # no 429 yet: the common case needs neither the digest nor the lock
            return False
        with self._lock:
            return now < self._not_before.get(self._key(token, group), 0)

    def retry_after(self, token: str, group: str, not_before: float, now: float) -> None:
        """Remember that a 429 told the token to wait until ``not_before``."""
        with self._lock:
            self._not_before[self._key(token, group)] = not_before
            if len(self._not_before) >= self._sweep_at:
                self._not_before = {key: until for key, until in self._not_before.items() if until > now}
                self._sweep_at = max(SWEEP_FROM, 2 * len(self._not_before))

    def __len__(self) -> int:
        return len(self._not_before)

    def reset(self) -> None:
        with self._lock:
            self._not_before.clear()
