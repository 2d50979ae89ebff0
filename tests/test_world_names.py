"""The world's names are Faker ``fr_FR``'s: drawn without Faker, they are the names a seeded Faker gives."""

import random

from faker import Faker

from mockserver.world import people


def test_names_are_those_of_a_seeded_faker():
    faker = Faker("fr_FR")
    seeds = random.Random(15)
    for index in range(5000):
        # Seeds as the world draws them (32 random bits), counts as its callers ask (1 to 4).
        seed, count = seeds.getrandbits(32), 1 + index % 4
        faker.seed_instance(seed)
        expected = [(faker.last_name(), faker.first_name()) for _ in range(count)]
        assert people.names(seed, count) == expected
