"""The trade register: who it registers, and an entry coherent with the company it describes."""

from datetime import date

from mockserver import world
from mockserver.world import rcs
from mockserver.world import registry_tables as tables

from .helpers import TODAY
from .ordinary import drawn


def sirens(count, seed):
    return drawn(count, seed, 10000000, 89999999)


def test_associations_and_craftsmen_are_not_registered_companies_and_traders_are():
    for siren in sirens(600, 21):
        company = world.company(siren)
        expected = not company.is_association and (
            not company.is_personne_physique or company.naf.startswith(tables.RCS_TRADER_NAF_PREFIXES)
        )
        assert (world.registration(siren) is not None) == expected, siren


def test_the_staging_associations_are_not_registered():
    for siren in ("775672272", "424179364", "389486242", "999990195"):
        assert world.company(siren).is_association
        assert world.registration(siren) is None


def test_an_entry_is_dated_within_the_companys_life_at_its_departments_greffe():
    for siren in sirens(400, 22):
        entry = world.registration(siren)
        if entry is None:
            continue
        company = entry.company
        last_day = company.ceased_on or TODAY
        assert abs((entry.registered_on - company.created_on).days) <= 20
        assert entry.greffe == rcs.Greffe(*tables.GREFFES[company.address.code_insee[:2]])
        assert entry.numero_gestion.startswith(str(entry.registered_on.year))
        assert entry.radiated_on == company.ceased_on
        days = [o.day for o in entry.observations]
        assert days == sorted(days) and all(entry.registered_on <= d <= last_day for d in days)
        acts = [act.deposited_on for act in entry.acts]
        assert acts == sorted(acts) and all(company.created_on <= d <= last_day for d in acts)
        for accounts in entry.accounts:
            assert company.created_on < accounts.closed_on < accounts.deposited_on <= last_day
        ids = [a.id_fichier for a in entry.acts] + [a.id_fichier for a in entry.accounts]
        assert len(ids) == len(set(ids))
        assert bool(entry.accounts) <= (company.legal_form in tables.ACCOUNTS_FORMS)
        if company.is_personne_physique:
            assert {act.nature_archive for act in entry.acts} == {"P"} and not entry.observations
        if company.ceased_on and company.person is None:
            assert entry.observations[-1].libelle == tables.RCS_CLOSURE_OBSERVATION


def test_the_founding_act_is_deposited_on_the_registration_day():
    checked = 0
    for siren in sirens(300, 23):
        entry = world.registration(siren)
        if entry is None or entry.registered_on.year < tables.RNCS_FIRST_YEAR:
            continue
        if entry.acts and entry.acts[0].title in (tables.CONSTITUTION_ACT, tables.TRADER_ACT):
            assert entry.acts[0].deposited_on == max(entry.registered_on, entry.company.created_on)
            checked += 1
    assert checked > 50


def test_octo_keeps_the_documented_registration():
    entry = world.registration("418166096")
    assert entry.registered_on == date(1998, 3, 27)
    assert [(o.numero, o.day) for o in entry.observations] == [
        ("12197", date(2000, 2, 23)),
        ("14127", date(2017, 7, 19)),
    ]
    assert entry.greffe.seat == "PARIS"


def test_a_company_registered_on_29_february_ends_its_term_on_28_february():
    entry = world.registration("160245973")
    assert entry.registered_on == date(entry.registered_on.year, 2, 29)
    assert entry.lifetime_end == date(entry.registered_on.year + 99, 2, 28)
