"""Draws made the short way: names from Faker's lists without Faker, a closing month without the accounts."""

import random
from collections import Counter

from faker.providers.person.fr_FR import Provider as FrenchNames

from mockserver import world
from mockserver.rules.identifiers import with_check_digit
from mockserver.world import people, rcs
from mockserver.world.finances import CLOSING_MONTH_WEIGHTS, draw_closing_month, draw_finances

from .helpers import TODAY


def test_names_are_faker_french_ones_spread_over_its_lists():
    seeds = random.Random(15)
    last, first = Counter(), Counter()
    for index in range(5000):
        # Seeds as the world draws them (32 random bits), counts as its callers ask (1 to 4).
        seed, count = seeds.getrandbits(32), 1 + index % 4
        drawn = people.names(seed, count)
        assert len(drawn) == count
        assert drawn == people.names(seed, count), "a seed names the same people every time"
        last.update(name for name, _ in drawn)
        first.update(name for _, name in drawn)
    assert set(last) <= set(FrenchNames.last_names) and set(first) <= set(FrenchNames.first_names)
    # 12,500 names of each kind: every name of the lists comes up, none far more than its share.
    assert len(last) > 0.95 * len(set(FrenchNames.last_names)) and len(first) > 0.95 * len(set(FrenchNames.first_names))
    assert max(first.values()) < 4 * 12_500 / len(FrenchNames.first_names)


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


def test_a_register_entry_is_the_one_the_whole_accounts_gave():
    sirens = random.Random(17)
    duplicates = 0
    for _ in range(2000):
        siren = with_check_digit(f"{sirens.randint(10000000, 89999999):08d}")
        whole = rcs.draw_registration(world.company(siren), world.finances(siren, TODAY).closing_month, TODAY)
        assert world.registration(siren) == whole
        duplicates += world.company(siren).siren != siren
    assert duplicates, "duplicate SIRENs (their successor's company) are among those compared"
