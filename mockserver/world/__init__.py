"""The deterministic fictional France: one identifier, one entity, every time.

A company is drawn from a random generator seeded by its SIREN (and an establishment by its
SIRET), so any valid identifier yields the same believable entity on every run and machine.
Names come from Faker ``fr_FR`` (its version is pinned: output depends on it); codes and
labels come from the nomenclatures. Curated entities in ``fixtures/entities.json`` override
what the generator would have drawn for a few well-known identifiers.
"""

import json
import random
import threading
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache

from faker import Faker

from mockserver.clock import WORLD_DATE
from mockserver.paths import FIXTURES_DIR
from mockserver.rules.identifiers import is_siren, with_check_digit
from mockserver.world import civil_status
from mockserver.world import nomenclatures as nom
from mockserver.world.association_kinds import association_kind
from mockserver.world.association_life import Declarations, draw_declarations
from mockserver.world.entities import Address, Association, Company, Director, Establishment, Person
from mockserver.world.finances import Finances, draw_finances
from mockserver.world.postal import abroad_or_not, with_postal_extras
from mockserver.world.randomness import day_between, seeded, upper_ascii, weighted
from mockserver.world.registers import (
    IpRights,
    OpqibiCertificate,
    RcsRecord,
    draw_ip_rights,
    draw_opqibi_certificate,
    draw_rcs_record,
)
from mockserver.world.social import (
    AgefiphRecord,
    MsaStanding,
    ProbtpAccount,
    draw_agefiph_record,
    draw_msa_standing,
    draw_probtp_account,
)
from mockserver.world.social import collective_agreements as _collective_agreements

CACHE_SIZE = 8192
# Share of the associations known to the RNA alone that have been dissolved.
RNA_DISSOLVED_SHARE = 0.07

_faker = Faker("fr_FR")
_faker_lock = threading.Lock()


def _names(seed: int, count: int) -> list[tuple[str, str]]:
    """Draw ``count`` (last name, first name) pairs from Faker, seeded."""
    with _faker_lock:
        _faker.seed_instance(seed)
        return [(_faker.last_name(), _faker.first_name()) for _ in range(count)]


def _address(rng: random.Random, commune: tuple[str, str, str, str] | None = None) -> Address:
    """Draw a street address in a commune of the nomenclature."""
    code_insee, code_postal, localite, region_code = commune or rng.choice(nom.COMMUNES)
    return Address(
        numero_voie=str(rng.randint(1, 180)),
        type_voie=weighted(rng, nom.STREET_TYPE_WEIGHTS),
        nom_voie=rng.choice(nom.STREET_NAMES),
        complement=rng.choice(nom.ADDRESS_COMPLEMENTS) if rng.random() < 0.12 else None,
        code_postal=code_postal,
        code_insee=code_insee,
        localite=localite,
        region_code=region_code,
    )


def _person(rng: random.Random, name: tuple[str, str], born_before: date) -> Person:
    """Make an adult person from a drawn name."""
    last, first = name
    born = day_between(rng, date(1945, 1, 1), born_before - timedelta(days=365 * 20))
    extra = (upper_ascii(_names(rng.getrandbits(32), 1)[0][1]),) if rng.random() < 0.4 else ()
    return Person(nom=upper_ascii(last), prenoms=(upper_ascii(first), *extra), date_naissance=born)


def _auditor_siren(rng: random.Random) -> str:
    """Draw the SIREN of an audit firm."""
    return with_check_digit(f"{rng.randint(30000000, 89999999):08d}")


def _load_curated() -> dict[str, dict]:
    """Load the curated fields, keyed by SIREN, with dates and addresses parsed."""
    with open(FIXTURES_DIR / "entities.json", encoding="utf-8") as handle:
        entries = json.load(handle)["entities"]
    curated = {}
    for entry in entries:
        fields = dict(entry["company"])
        for key in ("created_on", "ceased_on"):
            if fields.get(key):
                fields[key] = date.fromisoformat(fields[key])
        if "address" in fields:
            fields["address"] = Address(**fields["address"])
        curated[entry["siren"]] = fields
    return curated


CURATED = _load_curated()
# Curated RNA numbers that are not "W" + SIREN, and the SIREN they name.
CURATED_RNA = {fields["rna_id"]: siren for siren, fields in CURATED.items() if fields.get("rna_id")}


def _generate_company(siren: str) -> Company:
    """Draw the company of ``siren`` from the generator seeded by it.

    Every draw happens whether or not a curated field replaces it, so curating one field
    leaves the others as they were; fields drawn later depend on the curated ones.
    """
    rng = seeded("siren", siren)
    fixed = CURATED.get(siren, {})
    drawn_form = weighted(rng, nom.LEGAL_FORM_WEIGHTS)
    legal_form = fixed.get("legal_form", association_kind(drawn_form, seeded("association_kind", siren)))
    naf = fixed.get("naf", rng.choice(nom.NAF_BY_LEGAL_FORM.get(legal_form, nom.NAF_GENERAL)))
    band = fixed.get("headcount_band", weighted(rng, nom.HEADCOUNT_WEIGHTS))
    if legal_form == nom.PERSONNE_PHYSIQUE and band not in ("NN", "00", "01", "02"):
        band = "01"
    created = fixed.get("created_on", day_between(rng, date(1955, 1, 1), WORLD_DATE - timedelta(days=200)))
    ceased = None
    if rng.random() < 0.06 and created < WORLD_DATE - timedelta(days=430):
        ceased = day_between(rng, created + timedelta(days=400), WORLD_DATE - timedelta(days=30))
    ceased = fixed.get("ceased_on", ceased)
    updated = day_between(rng, max(created, date(2018, 1, 1)), WORLD_DATE - timedelta(days=30))
    names = _names(rng.getrandbits(32), 4)
    # Local-law associations are seated in Alsace-Moselle; the draw count stays the same.
    local_commune = rng.choice(nom.LOCAL_LAW_COMMUNES) if legal_form == nom.LOCAL_LAW_ASSOCIATION else None
    address = fixed.get("address", with_postal_extras(_address(rng, local_commune), seeded("postal", siren)))

    person = None
    directors: tuple[Director, ...] = ()
    capital = None
    nom_commercial = None
    if legal_form == nom.PERSONNE_PHYSIQUE:
        person = civil_status.sole_trader(_person(rng, names[0], created), seeded("civil_status", siren))
        raison_sociale = f"{person.nom}*{person.nom}/{' '.join(person.prenoms)}/"
        if rng.random() < 0.3:
            nom_commercial = f"{person.nom} {rng.choice(nom.COMPANY_NAME_SUFFIXES)}"
    elif legal_form in nom.ASSOCIATION_FORMS:
        raison_sociale = f"{rng.choice(nom.ASSOCIATION_NAME_PREFIXES)} {address.city}"
        directors = tuple(
            Director(fonction=f, person=_person(rng, names[i], WORLD_DATE))
            for i, f in enumerate(nom.DIRECTOR_FUNCTIONS[legal_form])
        )
    else:
        raison_sociale = f"{upper_ascii(names[0][0])} {rng.choice(nom.COMPANY_NAME_SUFFIXES)}"
        if rng.random() < 0.35:
            nom_commercial = raison_sociale.split()[0]
        functions = nom.DIRECTOR_FUNCTIONS[legal_form][: rng.randint(1, 3)]
        directors = tuple(
            Director(fonction=f, person=_person(rng, names[i + 1], created)) for i, f in enumerate(functions)
        )
        if legal_form in nom.AUDITED_FORMS:
            auditor = f"{upper_ascii(names[3][0])} AUDIT ET ASSOCIES"
            directors += (
                Director(
                    fonction="COMMISSAIRE AUX COMPTES TITULAIRE", raison_sociale=auditor, siren=_auditor_siren(rng)
                ),
            )
        floor = nom.MINIMUM_CAPITAL[legal_form]
        capital = max(floor, rng.choice((1000, 1500, 2000, 5000, 7500, 10000, 15000, 37000, 50000, 100000, 250000)))
    raison_sociale = fixed.get("raison_sociale", raison_sociale)
    nom_commercial = fixed.get("nom_commercial", nom_commercial)
    enseigne = nom_commercial if nom_commercial and rng.random() < 0.5 else None

    return Company(
        siren=siren,
        legal_form=legal_form,
        naf=naf,
        headcount_band=band,
        headcount_year=WORLD_DATE.year - rng.randint(2, 3),
        created_on=created,
        ceased_on=ceased,
        updated_on=updated,
        siege_nic=fixed.get("siege_nic", with_check_digit(siren + f"{rng.randint(1, 40):04d}")[9:]),
        address=address,
        raison_sociale=raison_sociale,
        nom_commercial=nom_commercial,
        enseigne=fixed.get("enseigne", enseigne),
        capital=fixed.get("capital", capital),
        person=person,
        directors=directors,
        statut_diffusion=fixed.get("statut_diffusion", "O"),
        rna_id=fixed.get("rna_id"),
    )


@lru_cache(maxsize=CACHE_SIZE)
def company(siren: str) -> Company:
    """Return the fictional company of ``siren``."""
    return _generate_company(siren)


@lru_cache(maxsize=CACHE_SIZE)
def establishment(siret: str) -> Establishment:
    """Return the fictional establishment of ``siret``: the head office or a secondary site."""
    owner = company(siret[:9])
    if siret == owner.siege_siret:
        return Establishment(
            siret=siret,
            company=owner,
            address=owner.address,
            naf=owner.naf,
            headcount_band=owner.headcount_band,
            created_on=owner.created_on,
            closed_on=owner.ceased_on,
            updated_on=owner.updated_on,
            enseigne=owner.enseigne,
        )
    rng = seeded("siret", siret)
    same_region = [c for c in nom.COMMUNES if c[3] == owner.address.region_code]
    commune = rng.choice(same_region) if rng.random() < 0.7 else rng.choice(nom.COMMUNES)
    created = day_between(rng, owner.created_on, owner.ceased_on or WORLD_DATE - timedelta(days=60))
    closed = owner.ceased_on
    if closed is None and rng.random() < 0.15:
        closed = day_between(rng, created + timedelta(days=30), WORLD_DATE - timedelta(days=10))
    employing = list(nom.HEADCOUNT_BANDS)[1:]
    band = "NN"
    if owner.headcount_band != "NN":
        band = employing[min(employing.index(owner.headcount_band), rng.randint(0, 6))]
    # Drawn after the band, as before the postal extras existed, so that no establishment moved.
    address = with_postal_extras(_address(rng, commune), seeded("postal", siret))
    return Establishment(
        siret=siret,
        company=owner,
        address=abroad_or_not(address, seeded("abroad", siret)),
        naf=owner.naf,
        headcount_band=band,
        created_on=created,
        closed_on=closed,
        updated_on=max(created, owner.updated_on),
        enseigne=owner.enseigne,
    )


def successor_siren(siren: str) -> str:
    """Return the SIREN a duplicate ``siren`` was merged into (for the redirect scenario)."""
    rng = seeded("successor", siren)
    return with_check_digit(f"{rng.randint(300000000, 899999999) // 10:08d}")


def successor_siret(siret: str) -> str:
    """Return the SIRET a duplicate ``siret`` was merged into (for the redirect scenario)."""
    return company(successor_siren(siret[:9])).siege_siret


def _rna_dissolution(rng: random.Random, created: date) -> date | None:
    """Draw whether, and when, an association known to the RNA alone was dissolved."""
    if rng.random() >= RNA_DISSOLVED_SHARE or created > WORLD_DATE - timedelta(days=400):
        return None
    return day_between(rng, created + timedelta(days=365), WORLD_DATE - timedelta(days=30))


def _association_from(rna_id: str, owner: Company | None) -> Association:
    """Draw the RNA record of ``rna_id``; an INSEE-registered one takes its company's facts."""
    rng = seeded("rna", rna_id)
    created = owner.created_on if owner else day_between(rng, date(1950, 1, 1), WORLD_DATE - timedelta(days=120))
    address = owner.address if owner else with_postal_extras(_address(rng), seeded("postal", rna_id))
    titre = owner.raison_sociale if owner else f"{rng.choice(nom.ASSOCIATION_NAME_PREFIXES)} {address.city}"
    dissolved = owner.ceased_on if owner else _rna_dissolution(rng, created)
    declared = day_between(rng, created, dissolved or WORLD_DATE - timedelta(days=30))
    return Association(
        rna_id=rna_id,
        company=owner,
        titre=titre,
        objet=rng.choice(nom.ASSOCIATION_PURPOSES),
        address=address,
        created_on=created,
        declared_on=declared,
        published_on=created + timedelta(days=rng.randint(10, 60)),
        dissolved_on=dissolved,
        updated_on=max(declared, owner.updated_on) if owner else declared,
    )


@lru_cache(maxsize=CACHE_SIZE)
def association(identifier: str) -> Association | None:
    """Return the association of an RNA number or a SIRET, or None when there is none.

    A SIRET names an association only when its company is an association of the RNA; that
    company's RNA number ("W" + SIREN, or a curated one) names it too; any other RNA number
    names an association known to the RNA alone.
    """
    if len(identifier) == 14:
        owner = company(identifier[:9])
        return _association_from(owner.rna, owner) if owner.rna else None
    if identifier in CURATED_RNA:
        return _association_from(identifier, company(CURATED_RNA[identifier]))
    digits = identifier[1:]
    if identifier.startswith("W") and is_siren(digits) and company(digits).rna == identifier:
        return _association_from(identifier, company(digits))
    return _association_from(identifier, None)


def dissolved(association: Association) -> Association:
    """Return ``association`` as the RNA shows it once dissolved (the dissolved_association scenario)."""
    if association.dissolved_on:
        return association
    rng = seeded("dissolution", association.rna_id)
    day = day_between(rng, association.declared_on + timedelta(days=1), WORLD_DATE - timedelta(days=1))
    return replace(association, dissolved_on=day, updated_on=day)


@lru_cache(maxsize=CACHE_SIZE)
def association_declarations(key: str) -> Declarations:
    """Return what the association of ``key`` (its RNA number, or its SIREN under local law) declared beyond the RNA."""
    owner = company(key) if is_siren(key) else None
    record = association(key) if owner is None else None
    name = owner.raison_sociale if owner else record.titre
    created = owner.created_on if owner else record.created_on
    city = (owner.address if owner else record.address).city
    with_siren = owner is not None or (record is not None and record.company is not None)
    return draw_declarations(seeded("declarations", key), name, created, city, with_siren)


@lru_cache(maxsize=CACHE_SIZE)
def finances(siren: str) -> Finances:
    """Return the accounts of the company of ``siren``."""
    return draw_finances(seeded("finances", siren), company(siren), WORLD_DATE)


@lru_cache(maxsize=CACHE_SIZE)
def rcs_record(siren: str) -> RcsRecord | None:
    """Return the RCS file of the company of ``siren``, or None when the RCS does not register it."""
    return draw_rcs_record(seeded("rcs", siren), company(siren), WORLD_DATE)


@lru_cache(maxsize=CACHE_SIZE)
def ip_rights(siren: str) -> IpRights:
    """Return the INPI rights of the company of ``siren``."""
    return draw_ip_rights(seeded("inpi", siren), company(siren), WORLD_DATE)


@lru_cache(maxsize=CACHE_SIZE)
def opqibi_certificate(siren: str) -> OpqibiCertificate | None:
    """Return the OPQIBI certificate of the company of ``siren``, if it holds one."""
    return draw_opqibi_certificate(seeded("opqibi", siren), company(siren), WORLD_DATE)


def msa_standing(siret: str) -> MsaStanding | None:
    """Return the MSA standing of the employer of ``siret`` (one standing per company)."""
    return draw_msa_standing(seeded("msa", siret[:9]), establishment(siret))


def probtp_account(siret: str) -> ProbtpAccount | None:
    """Return the PRO BTP account of the establishment ``siret``."""
    return draw_probtp_account(seeded("probtp", siret), establishment(siret))


def agefiph_record(siret: str) -> AgefiphRecord | None:
    """Return the AGEFIPH record of the employer of ``siret`` (one record per company)."""
    return draw_agefiph_record(seeded("agefiph", siret[:9]), company(siret[:9]), WORLD_DATE)


def collective_agreements(siret: str) -> tuple[int, ...]:
    """Return the IDCC numbers of the collective agreements of the establishment ``siret``."""
    return _collective_agreements(establishment(siret))
