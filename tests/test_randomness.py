"""The world's generator: its draws stay in their ranges, spread evenly, and depend on its key alone."""

import subprocess
import sys
from collections import Counter

import pytest

from mockserver.world.randomness import DigestRandom, fraction, seeded

DRAWS = 60_000


@pytest.mark.parametrize(
    ("draw", "outcomes"),
    [
        (lambda rng: rng.randint(1, 6), range(1, 7)),
        (lambda rng: rng.choice("abcdefg"), "abcdefg"),
        (lambda rng: rng.getrandbits(3), range(8)),
        (lambda rng: int(rng.random() * 5), range(5)),
        (lambda rng: rng.randrange(3, 12, 3), (3, 6, 9)),
        (lambda rng: rng.choices("xyz", weights=(1, 1, 1))[0], "xyz"),
    ],
    ids=["randint", "choice", "getrandbits", "random", "randrange", "choices"],
)
def test_each_draw_covers_its_range_evenly(draw, outcomes):
    rng = seeded("test", "even")
    counts = Counter(draw(rng) for _ in range(DRAWS))
    assert set(counts) == set(outcomes)
    share = DRAWS / len(outcomes)
    # Far more draws than the pool of one digest holds: refilled many times, still even (within 4 %).
    assert all(abs(count - share) < 0.04 * share for count in counts.values()), counts


def test_a_float_is_in_the_unit_interval_and_a_range_never_empty():
    rng = seeded("test", "bounds")
    assert all(0 <= rng.random() < 1 for _ in range(10_000))
    assert {rng.randint(7, 7) for _ in range(100)} == {7}
    with pytest.raises(ValueError):
        rng.randint(2, 1)
    with pytest.raises(IndexError):
        rng.choice([])


def test_the_key_alone_decides_the_draws():
    first = [seeded("siren", "418166096").randint(0, 10**9) for _ in range(3)]
    assert first[0] == first[1] == first[2]
    others = {seeded(kind, identifier).randint(0, 10**9) for kind in ("siren", "siret") for identifier in ("1", "2")}
    assert len(others) == 4, "another kind or identifier draws another stream"
    assert DigestRandom(b"siren:1").getrandbits(64) == seeded("siren", "1").getrandbits(64)


def test_gauss_and_sample_work_on_the_stream():
    rng = seeded("test", "helpers")
    assert len(set(rng.sample(range(100), 10))) == 10
    values = [rng.gauss(10, 2) for _ in range(5000)]
    assert 9.8 < sum(values) / len(values) < 10.2


def test_the_same_draws_in_another_process_whatever_its_hash_seed():
    script = (
        "from mockserver.world.randomness import seeded, fraction;"
        "r = seeded('siren', '418166096'); print([r.randint(0, 99) for _ in range(200)], fraction('sigle', '1'))"
    )
    here = seeded("siren", "418166096")
    expected = f"{[here.randint(0, 99) for _ in range(200)]} {fraction('sigle', '1')}"
    for hash_seed in ("0", "1"):
        env = {"PYTHONHASHSEED": hash_seed, "TZ": "Pacific/Kiritimati"}
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
        assert out.stdout.strip() == expected
