"""Draws made the short way are the long way's: names without Faker, a closing month without the accounts."""

import random

from faker import Faker

from mockserver import world
from mockserver.rules.identifiers import with_check_digit
from mockserver.world import people
from mockserver.world.finances import CLOSING_MONTH_WEIGHTS, draw_closing_month, draw_finances


def test_names_are_those_of_a_seeded_faker():
    faker = Faker("fr_FR")
    seeds = random.Random(15)
    for index in range(5000):
        # Seeds as the world draws them (32 random bits), counts as its callers ask (1 to 4).
        seed, count = seeds.getrandbits(32), 1 + index % 4
        faker.seed_instance(seed)
        expected = [(faker.last_name(), faker.first_name()) for _ in range(count)]
        assert people.names(seed, count) == expected


def test_the_closing_month_alone_is_the_accounts_one():
    sirens = random.Random(16)
    months = set()
    for _ in range(2000):
        siren = with_check_digit(f"{sirens.randint(10000000, 89999999):08d}")
        month = draw_closing_month(siren)
        assert month == draw_finances(world.company(siren), world.WORLD_DATE).closing_month
        months.add(month)
    assert months == set(CLOSING_MONTH_WEIGHTS), "every closing month was drawn, so the comparison covers each"
