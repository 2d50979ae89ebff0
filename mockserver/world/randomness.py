"""The world's generator and the small drawing helpers shared by every part of the world model.

Each helper takes the caller's seeded generator, so what it draws depends only on the identifier
that seeded it. The generator (``DigestRandom``) draws from BLAKE2b digests of its key, so that
seeding one costs a hash: a Mersenne Twister seeded from a digest cost about 5 µs, and a new
identifier seeds several (its unit's, its postal extras', its names'...).
"""

import hashlib
import random
import unicodedata
from datetime import date, timedelta

# A draw below n is the remainder of the pool's division by n; the pool is refilled first when it holds
# fewer than 64 bits more than n, so that no remainder is biased by more than 2**-64.
MARGIN_BITS = 64
FLOAT_BITS = 53


class DigestRandom(random.Random):
    """A generator whose draws are read from the BLAKE2b digests of a key: cheap to seed, the same everywhere.

    The digests of the key, then of the key numbered 1, 2... make one big integer, the pool; a draw
    below n takes the pool's remainder by n and keeps its quotient. ``random`` and ``getrandbits`` are
    drawn so, and ``choice`` and ``randint`` directly; ``random.Random``'s other methods (``choices``,
    ``sample``, ``uniform``, ``gauss``) build on those two. The Mersenne Twister ``random.Random``
    holds is never seeded nor read.
    """

    def __init__(self, key: bytes):
        self._key = key
        self._block = 0
        self._pool = int.from_bytes(hashlib.blake2b(key).digest(), "big")
        # random.Random.__init__, not called (it would seed the Twister), sets this for ``gauss``.
        self.gauss_next = None

    def _below(self, n: int) -> int:
        """Draw an integer in [0, n)."""
        pool = self._pool
        if pool >> MARGIN_BITS < n:
            self._block += 1
            block = hashlib.blake2b(self._key, salt=self._block.to_bytes(16, "big")).digest()
            pool = (pool << 512) | int.from_bytes(block, "big")
        self._pool, drawn = divmod(pool, n)
        return drawn

    def random(self) -> float:
        """Draw a float in [0, 1)."""
        return self._below(1 << FLOAT_BITS) / (1 << FLOAT_BITS)

    def getrandbits(self, k: int) -> int:
        """Draw an integer of ``k`` random bits."""
        return self._below(1 << k)

    def randint(self, a: int, b: int) -> int:
        """Draw an integer in [a, b]."""
        if b < a:
            raise ValueError(f"empty range for randint({a}, {b})")
        return a + self._below(b - a + 1)

    def choice(self, seq):
        """Draw an element of the non-empty sequence ``seq``."""
        if not seq:
            raise IndexError("cannot choose from an empty sequence")
        return seq[self._below(len(seq))]


def seeded(kind: str, identifier: str) -> random.Random:
    """Return a random generator seeded by an identifier, stable across processes."""
    return DigestRandom(f"{kind}:{identifier}".encode())


def fraction(kind: str, identifier: str) -> float:
    """Return a number in [0, 1) drawn from an identifier alone: a yes-or-no draw without a generator's cost."""
    digest = hashlib.sha256(f"{kind}:{identifier}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def upper_ascii(text: str) -> str:
    """Return ``text`` upper-cased without accents, as INSEE and Infogreffe print names."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


def weighted(rng: random.Random, weights: dict):
    """Pick a key of ``weights`` with probability proportional to its weight."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def day_between(rng: random.Random, start: date, end: date) -> date:
    """Pick a day between ``start`` and ``end`` inclusive."""
    return start + timedelta(days=rng.randint(0, max((end - start).days, 0)))


def years_after(day: date, years: int) -> date:
    """Return the same day ``years`` later (28 February for a 29 February)."""
    return day.replace(year=day.year + years, day=min(day.day, 28) if day.month == 2 else day.day)
