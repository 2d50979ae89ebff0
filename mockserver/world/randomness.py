"""The world's generator and the small drawing helpers shared by every part of the world model.

Each helper takes the caller's seeded generator, so what it draws depends only on the identifier
that seeded it.
"""

import hashlib
import random
import unicodedata
from bisect import bisect
from datetime import date
from functools import lru_cache
from itertools import accumulate


class WorldRandom(random.Random):
    """``random.Random`` with its most frequent draws in fewer calls: the same generator, the same values.

    A new identifier seeds several generators and draws a few dozen integers from them; the standard
    class goes through three Python calls for each (``randint``, ``randrange``, ``_randbelow``) and
    two to seed. These do ``random.Random``'s very work (Python 3.11) in one.
    """

    def __init__(self, seed: int):
        # random.Random.seed checks the seed's type, then seeds the Mersenne Twister with an int as is.
        super(random.Random, self).seed(seed)
        self.gauss_next = None

    def randint(self, a: int, b: int) -> int:
        """Return an integer in [a, b], as ``random.Random.randint`` draws it."""
        width = b - a + 1
        if width <= 0:
            raise ValueError(f"empty range for randint({a}, {b})")
        bits = width.bit_length()
        drawn = self.getrandbits(bits)
        while drawn >= width:
            drawn = self.getrandbits(bits)
        return a + drawn

    def choice(self, seq):
        """Return an element of the non-empty ``seq``, as ``random.Random.choice`` draws it."""
        size = len(seq)
        if not size:
            raise IndexError("Cannot choose from an empty sequence")
        bits = size.bit_length()
        drawn = self.getrandbits(bits)
        while drawn >= size:
            drawn = self.getrandbits(bits)
        return seq[drawn]


def seeded(kind: str, identifier: str) -> random.Random:
    """Return a random generator seeded by an identifier, stable across processes."""
    digest = hashlib.sha256(f"{kind}:{identifier}".encode()).digest()
    return WorldRandom(int.from_bytes(digest[:8], "big"))


def fraction(kind: str, identifier: str) -> float:
    """Return a number in [0, 1) drawn from an identifier alone: a yes-or-no draw without a generator's cost."""
    digest = hashlib.sha256(f"{kind}:{identifier}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


# Names, streets and communes come from finite lists: each is spelled once.
@lru_cache(maxsize=8192)
def upper_ascii(text: str) -> str:
    """Return ``text`` upper-cased without accents, as INSEE and Infogreffe print names."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


class Weights(dict):
    """A constant table of keys and their weights, summed once into the cumulative weights ``weighted`` reads.

    A table is never changed once built: its sums would no longer match it.
    """

    def __init__(self, weights: dict):
        super().__init__(weights)
        self.ordered_keys = tuple(self)
        self.cumulative = tuple(accumulate(self.values()))


def weighted(rng: random.Random, weights: Weights):
    """Pick a key of ``weights`` with probability proportional to its weight: ``random.choices``' very draw."""
    cumulative = weights.cumulative
    return weights.ordered_keys[bisect(cumulative, rng.random() * cumulative[-1], 0, len(cumulative) - 1)]


def day_between(rng: random.Random, start: date, end: date) -> date:
    """Pick a day between ``start`` and ``end`` inclusive (``start`` when ``end`` is earlier)."""
    # Counted in ordinals: the same day as ``start + timedelta(days=...)``, without two timedelta objects.
    first = start.toordinal()
    return date.fromordinal(first + rng.randint(0, max(end.toordinal() - first, 0)))


def years_after(day: date, years: int) -> date:
    """Return the same day ``years`` later (28 February for a 29 February)."""
    return day.replace(year=day.year + years, day=min(day.day, 28) if day.month == 2 else day.day)
