"""Draws made the short way are the long way's: names without Faker, a closing month without the accounts, facets."""

import dataclasses
import hashlib
import importlib
import random
from datetime import date, timedelta

import pytest
from faker import Faker

from mockserver import world
from mockserver.rules.identifiers import with_check_digit
from mockserver.world import insee, people, rcs
from mockserver.world.curated import COMPANIES
from mockserver.world.entities import Facet, amended
from mockserver.world.finances import CLOSING_MONTH_WEIGHTS, draw_closing_month, draw_finances
from mockserver.world.randomness import Weights, WorldRandom, day_between, weighted

from .helpers import TODAY


def test_names_are_those_of_a_seeded_faker():
    faker = Faker("fr_FR")
    seeds = random.Random(15)
    for index in range(5000):
        # Seeds as the world draws them (32 random bits), counts as its callers ask (1 to 4).
        seed, count = seeds.getrandbits(32), 1 + index % 4
        faker.seed_instance(seed)
        expected = [(faker.last_name(), faker.first_name()) for _ in range(count)]
        assert people.names(seed, count) == tuple(expected)


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


def _weight_tables() -> dict[str, Weights]:
    """Return every table of weights of the world's modules, by its module and name."""
    # By module name: the façade's ``world.finances`` is a function that hides the module of that name.
    modules = "nomenclatures finances rnm association_life rcs registry_tables postal data_subvention".split()
    return {
        f"{module}.{name}": table
        for module in modules
        for name, table in vars(importlib.import_module(f"mockserver.world.{module}")).items()
        if isinstance(table, Weights)
    }


def test_every_table_of_weights_is_compared():
    assert len(_weight_tables()) == 14, "a table added or gone: the comparison below reads every one"


@pytest.mark.parametrize("table", _weight_tables().values(), ids=_weight_tables())
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


def test_a_day_between_is_the_start_plus_the_drawn_number_of_days():
    ours, twin, bounds = WorldRandom(21), WorldRandom(21), random.Random(22)
    for _ in range(5000):
        start = date(1945, 1, 1) + timedelta(days=bounds.randint(0, 30000))
        end = start + timedelta(days=bounds.randint(-40, 30000))
        assert day_between(ours, start, end) == start + timedelta(days=twin.randint(0, max((end - start).days, 0)))


def _facts(company):
    """Return every fact of a drawn company, its facets (address, officers) read by their public names."""
    return tuple(getattr(company, field.name.removesuffix("_facet")) for field in dataclasses.fields(company))


@pytest.mark.sweep
def test_the_companies_drawn_with_facets_are_the_eagerly_drawn_ones():
    """2,000 companies and the curated ones, every fact, facets read in either order: the digest of the eager draw."""
    sirens = random.Random(20)
    digest = hashlib.sha256()
    for siren in [*(with_check_digit(f"{sirens.randint(10000000, 89999999):08d}") for _ in range(2000)), *COMPANIES]:
        officers_first, address_first = insee.draw_company(siren, TODAY), insee.draw_company(siren, TODAY)
        officers, address = officers_first.directors, address_first.address
        assert (officers, officers_first.address) == (address_first.directors, address)
        digest.update(repr(_facts(officers_first)).encode())
    # The digest of these draws when the address and the officers were built with the company (commit dd88732).
    assert digest.hexdigest() == EAGER_DRAWS


EAGER_DRAWS = "6ca744b2bea994ec893afa327cba7912d280d42fcc522357f68d6b8eb24e82b9"


def test_the_sigles_kept_per_siren_are_those_drawn_anew_each_time():
    """2,000 units and the curated ones, read twice: the digest of their sigles when each reading drew it."""
    sirens = random.Random(23)
    digest = hashlib.sha256()
    for siren in [*(with_check_digit(f"{sirens.randint(10000000, 89999999):08d}") for _ in range(2000)), *COMPANIES]:
        company = world.company(siren)
        assert insee.sigle(company) == insee.sigle(company)
        digest.update(repr(insee.sigle(company)).encode())
    # The digest of these sigles when each reading seeded the sigle's generator (commit 38d6ff6).
    assert digest.hexdigest() == SIGLES


SIGLES = "8b327109411a360d765bfc0e1e1b9bd851c87663ea0a5fb732f32b93269b1ca7"


def test_a_facet_is_built_once_on_its_first_read_and_shared_by_the_copies_at_other_instants():
    built = []
    company = insee.draw_company("418166096", TODAY)
    facet = Facet(lambda: built.append("built") or company.address)
    copy = amended(company, address_facet=facet, ceased_on=TODAY)
    assert built == []
    assert copy.address == company.address == amended(copy, headcount_year=2020).address
    assert built == ["built"]
    assert facet == Facet(lambda: company.address) and hash(facet) == hash(company.address)
    assert facet != company.address and repr(facet) == repr(company.address)


@pytest.fixture
def fresh_companies():
    """Draw the companies anew during the test, and again after it (the test's are drawn with its builders)."""
    world.company.cache_clear()
    world.company_at.cache_clear()
    yield
    world.company.cache_clear()
    world.company_at.cache_clear()


# A company with one officer, a sole trader, an association, an audited company with its auditor.
DRAWN_KINDS = ("321391443", "477496764", "411724313", "541481495")


@pytest.mark.parametrize("siren", DRAWN_KINDS)
def test_the_unite_legale_builds_neither_the_address_nor_the_officers(siren, v3, monkeypatch, fresh_companies):
    """The v3 unité légale reads neither: a new company answers it without building them (their generators unseeded)."""

    def unread(*args):
        raise AssertionError("a facet the unité légale does not read was built")

    monkeypatch.setattr(insee, "_address", unread)
    monkeypatch.setattr(insee, "_directors", unread)
    assert v3(f"/v3/insee/sirene/unites_legales/{siren}").status_code == 200
    with pytest.raises(AssertionError, match="does not read"):
        len(world.company(siren).directors)


@pytest.mark.parametrize(
    "entity",
    [
        insee.draw_company("418166096", TODAY),
        people.person_of(("Martin", "Léa"), TODAY, 1234),
        world.establishment("41816609600069"),
    ],
    ids=["company", "person", "establishment"],
)
def test_an_amended_entity_is_the_replaced_one(entity):
    first = dataclasses.fields(entity)[0].name
    assert amended(entity, **{first: "changed"}) == dataclasses.replace(entity, **{first: "changed"})
    assert amended(entity) == entity and amended(entity) is not entity
    with pytest.raises(TypeError, match="no field nickname"):
        amended(entity, nickname="x")
