"""Draws made the short way are the long way's: names without Faker, a closing month without the accounts."""

import random

import pytest
from faker import Faker

from mockserver import world
from mockserver.rules.identifiers import with_check_digit
from mockserver.world import nomenclatures as nom
from mockserver.world import people, rcs
from mockserver.world.finances import CLOSING_MONTH_WEIGHTS, draw_closing_month, draw_finances
from mockserver.world.randomness import WorldRandom, weighted

from .helpers import TODAY


def test_names_are_those_of_a_seeded_faker():
    faker = Faker("fr_FR")
    seeds = random.Random(15)
    for index in range(5000):
        # Seeds as the world draws them (32 random bits), counts as its callers ask (1 to 4).
        seed, count = seeds.getrandbits(32), 1 + index % 4
        faker.seed_instance(seed)
        expected = [(faker.last_name(), faker.first_name()) for _ in range(count)]
        assert people.names(seed, count) == expected


@pytest.mark.sweep
def test_the_closing_month_alone_is_the_accounts_one():
    sirens = random.Random(16)
    months = set()
    for _ in range(2000):
        # Through the façade, as the register asks: a duplicate SIREN names its successor's company.
        company = world.company(with_check_digit(f"{sirens.randint(10000000, 89999999):08d}"))
        month = draw_closing_month(company)
        assert month == draw_finances(company, TODAY).closing_month
        months.add(month)
    assert months == set(CLOSING_MONTH_WEIGHTS), "every closing month was drawn, so the comparison covers each"


@pytest.mark.sweep
def test_a_register_entry_is_the_one_the_whole_accounts_gave():
    sirens = random.Random(17)
    duplicates = 0
    for _ in range(2000):
        siren = with_check_digit(f"{sirens.randint(10000000, 89999999):08d}")
        whole = rcs.draw_registration(world.company(siren), world.finances(siren, TODAY).closing_month, TODAY)
        assert world.registration(siren) == whole
        duplicates += world.company(siren).siren != siren
    assert duplicates, "duplicate SIRENs (their successor's company) are among those compared"


@pytest.mark.parametrize("table", [nom.LEGAL_FORM_WEIGHTS, nom.HEADCOUNT_WEIGHTS, nom.STREET_TYPE_WEIGHTS])
def test_a_weighted_draw_is_random_choices_one(table):
    ours, theirs = random.Random(18), random.Random(18)
    for _ in range(5000):
        assert weighted(ours, table) == theirs.choices(list(table), weights=list(table.values()))[0]


def test_the_world_generator_draws_what_random_random_draws():
    seeds = random.Random(19)
    for _ in range(2000):
        seed = seeds.getrandbits(64)
        ours, theirs = WorldRandom(seed), random.Random(seed)
        for size in (1, 2, 3, 7, 10, 100, 1000, 2**20 + 3, 89_999_999):
            assert ours.randint(-5, size - 6) == theirs.randint(-5, size - 6)
            assert ours.choice(range(size)) == theirs.choice(range(size))
            assert ours.random() == theirs.random()
    with pytest.raises(ValueError):
        WorldRandom(1).randint(2, 1)
    with pytest.raises(IndexError):
        WorldRandom(1).choice([])
