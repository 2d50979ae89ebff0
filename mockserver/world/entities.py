"""The fictional entities: what one SIREN or SIRET *is*, before any endpoint shows it.

Every endpoint derives its payload from these objects, so that a SIREN is the same company
everywhere. They are frozen: one instance is cached and shared between requests. The parts of a
company most routes never read (its address, its officers) are facets, built on their first read.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache, lru_cache
from operator import attrgetter
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo

from mockserver.world import nomenclatures as nom
from mockserver.world.randomness import upper_ascii

PARIS = ZoneInfo("Europe/Paris")

T = TypeVar("T")
Entity = TypeVar("Entity")


# What a facet holds until it is built.
UNBUILT = object()


class Facet(Generic[T]):
    """A part of an entity built on its first read, then kept; the entity's copies at other instants share it.

    A facet draws from a generator of its own, or from values its entity drew already: when it is built
    moves no value. An entity compares and hashes by what its facets hold.
    """

    __slots__ = ("_build", "_inputs", "_value")

    def __init__(self, build: Callable[..., T], *inputs):
        self._build = build
        self._inputs = inputs
        self._value = UNBUILT

    @property
    def value(self) -> T:
        """Return the facet, built the first time it is read."""
        value = self._value
        if value is UNBUILT:
            # Two threads reading it first both build it: the same value.
            value = self._value = self._build(*self._inputs)
        return value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Facet) and self.value == other.value

    def __hash__(self) -> int:
        return hash(self.value)

    def __repr__(self) -> str:
        return repr(self.value)


@cache
def _fields(kind: type) -> tuple[tuple[str, ...], attrgetter, frozenset[str]]:
    """Return the field names of an entity class, the getter of their values in that order, and the names as a set."""
    names = tuple(kind.__dataclass_fields__)
    return names, attrgetter(*names), frozenset(names)


def amended(entity: Entity, **changes) -> Entity:
    """Return a copy of a frozen entity with ``changes``: ``dataclasses.replace``'s result in a fraction of its time.

    The entities' ``__init__`` only stores their fields (no ``__post_init__``, no field outside it), so a copy
    of their fields is what it would build; a name that is no field is refused, as ``replace`` refuses it.
    The fields are read one by one: reading ``entity.__dict__`` would give the cached entity a dict of its own.
    """
    names, values, known = _fields(type(entity))
    if not known.issuperset(changes):
        unknown = changes.keys() - known
        raise TypeError(f"{type(entity).__name__} has no field {', '.join(sorted(unknown))}")
    copy = object.__new__(type(entity))
    copy.__dict__.update(zip(names, values(entity), strict=True), **changes)
    return copy


@lru_cache(maxsize=16384)
def paris_timestamp(day: date) -> int:
    """Return the Unix timestamp of midnight, Paris time, on ``day`` (as INSEE dates are)."""
    return int(datetime.combine(day, time(), tzinfo=PARIS).timestamp())


@dataclass(frozen=True)
class Address:
    """A postal address whose street, postcode, commune and INSEE code agree."""

    numero_voie: str
    type_voie: str
    nom_voie: str
    complement: str | None
    code_postal: str
    code_insee: str
    localite: str
    region_code: str
    # The rarer parts (``world.postal``): "B" for bis, a post-office box or CS, a CEDEX code.
    indice_repetition: str | None = None
    distribution_speciale: str | None = None
    code_cedex: str | None = None
    # An address abroad: INSEE's country code and label; no French postcode, commune code nor region.
    code_pays: str | None = None
    pays: str | None = None
    # A CEDEX label other than the city's followed by CEDEX (a curated address: "PARIS CEDEX 14").
    cedex_label: str | None = None

    @property
    def is_abroad(self) -> bool:
        """Tell whether the address is outside France."""
        return self.code_pays is not None

    @property
    def street_line(self) -> str:
        """Return the number-and-street line, street type in capitals without accents (a foreign street has its own)."""
        if self.is_abroad:
            return f"{self.numero_voie} {self.nom_voie}"
        # Some streets have no type of their own ("GRAND RUE"); the RNA keeps a type typed out in full ("Avenue").
        # Some addresses have no number ("RUE DE CAMBIS", a town hall's square).
        street_type = upper_ascii(nom.STREET_TYPES.get(self.type_voie, self.type_voie)) if self.type_voie else None
        return " ".join(filter(None, (self.numero_voie, self.indice_repetition, street_type, self.nom_voie)))

    @property
    def libelle_cedex(self) -> str | None:
        """Return the CEDEX label: the city followed by CEDEX, when a CEDEX serves the address."""
        return (self.cedex_label or f"{self.city} CEDEX") if self.code_cedex else None

    @property
    def postcode_line(self) -> str:
        """Return the line of the postcode (or CEDEX code) and the city (or CEDEX label)."""
        if self.is_abroad:
            return self.localite
        if self.code_cedex:
            return f"{self.code_cedex} {self.libelle_cedex}"
        return f"{self.code_postal} {self.city}"

    @property
    def city(self) -> str:
        """Return the city as it appears on the postcode line (no arrondissement)."""
        return "PARIS" if self.code_insee.startswith("751") else self.localite

    @property
    def region(self) -> str:
        """Return the region's name (none abroad)."""
        return nom.REGIONS.get(self.region_code)


@dataclass(frozen=True)
class Person:
    """A natural person: a sole trader or a company director."""

    nom: str
    prenoms: tuple[str, ...]
    date_naissance: date
    # The name the person uses (INSEE's nom d'usage) and a trade pseudonym, for a sole trader
    # (``world.civil_status``); a director's are not recorded.
    nom_usage: str | None = None
    pseudonyme: str | None = None

    @property
    def prenom(self) -> str:
        """Return the first given name."""
        return self.prenoms[0]


@dataclass(frozen=True)
class Director:
    """A mandataire social: a natural person, or a company (an auditor, say)."""

    fonction: str
    person: Person | None = None
    raison_sociale: str = ""
    siren: str = ""


@dataclass(frozen=True)
class Company:
    """A unité légale: a company, a sole trader or an association."""

    siren: str
    legal_form: str
    naf: str
    headcount_band: str
    headcount_year: int
    created_on: date
    ceased_on: date | None
    updated_on: date
    siege_nic: str
    # Its address in France and its officers, read through ``address`` and ``directors``.
    address_facet: Facet[Address]
    raison_sociale: str
    nom_commercial: str | None
    enseigne: str | None
    capital: int | None
    person: Person | None
    directors_facet: Facet[tuple[Director, ...]]
    # INSEE's statut de diffusion: "O" diffusible, "P" partially diffusible (a right of opposition).
    statut_diffusion: str = "O"
    rna_id: str | None = None
    # A foreign company's head office, abroad (``address`` is then its French branch's, where the
    # French registers place it: greffe, URSSAF, tax office).
    seat_abroad: Address | None = None
    # A unit INSEE has not put in a size category (its categorie_entreprise is null): a curated fact.
    unclassified: bool = False

    @property
    def address(self) -> Address:
        """Return the unit's address in France (its French branch's for a foreign company)."""
        return self.address_facet.value

    @property
    def directors(self) -> tuple[Director, ...]:
        """Return the unit's officers (mandataires sociaux), its auditor last."""
        return self.directors_facet.value

    @property
    def head_office_address(self) -> Address:
        """Return the address of the head office: abroad for a foreign company, else ``address``."""
        return self.seat_abroad or self.address

    @property
    def is_personne_physique(self) -> bool:
        """Tell whether the unit is a natural person (a sole trader)."""
        return self.legal_form == nom.PERSONNE_PHYSIQUE

    @property
    def is_association(self) -> bool:
        """Tell whether the unit is an association, of the RNA or of Alsace-Moselle's local law."""
        return self.legal_form in nom.ASSOCIATION_FORMS

    @property
    def rna(self) -> str | None:
        """Return the RNA number: "W" + SIREN unless curated; none under local law, which has no RNA."""
        if self.legal_form not in nom.RNA_FORMS:
            return None
        return self.rna_id or "W" + self.siren

    @property
    def is_partially_diffusible(self) -> bool:
        """Tell whether the unit opposed the diffusion of its personal data."""
        return self.statut_diffusion == "P"

    @property
    def legal_form_label(self) -> str:
        """Return the label of the catégorie juridique."""
        return nom.LEGAL_FORMS[self.legal_form]

    @property
    def naf_label(self) -> str:
        """Return the label of the NAF code."""
        return nom.NAF[self.naf]

    @property
    def siege_siret(self) -> str:
        """Return the SIRET of the head office."""
        return self.siren + self.siege_nic

    @property
    def tva_number(self) -> str:
        """Return the intra-community VAT number, computed from the SIREN as the API does."""
        key = (12 + 3 * (int(self.siren) % 97)) % 97
        return f"FR{key:02d}{self.siren}"

    @property
    def headcount_low(self) -> int:
        """Return the lower bound of the headcount band (0 for a unit without staff)."""
        return nom.HEADCOUNT_BANDS[self.headcount_band][0] or 0

    @property
    def is_employer(self) -> bool:
        """Tell whether the unit declares staff (funds and pension schemes know employers only)."""
        return self.headcount_band not in nom.NON_EMPLOYING_BANDS

    @property
    def categorie(self) -> str | None:
        """Return the INSEE company size category (PME, ETI, GE), none for an unclassified unit."""
        if self.unclassified:
            return None
        low = self.headcount_low
        if low >= 5000:
            return "GE"
        if low >= 250:
            return "ETI"
        return "PME"

    @property
    def is_active(self) -> bool:
        """Tell whether the unit is still active (not ceased)."""
        return self.ceased_on is None

    @property
    def is_building_trade(self) -> bool:
        """Tell whether the activity is construction (NAF section F)."""
        return self.naf.startswith(nom.BUILDING_NAF_PREFIXES)


@dataclass(frozen=True)
class Establishment:
    """An établissement: the head office or a secondary site of a company."""

    siret: str
    company: Company
    address: Address
    naf: str
    headcount_band: str
    created_on: date
    closed_on: date | None
    updated_on: date
    enseigne: str | None

    @property
    def is_siege(self) -> bool:
        """Tell whether this establishment is the company's head office."""
        return self.siret == self.company.siege_siret

    @property
    def naf_label(self) -> str:
        """Return the label of the NAF code."""
        return nom.NAF[self.naf]

    @property
    def is_active(self) -> bool:
        """Tell whether the establishment is still open."""
        return self.closed_on is None


@dataclass(frozen=True)
class Association:
    """An association of the RNA (répertoire national des associations).

    An association registered with INSEE is also a company of legal form 9220: its SIREN
    and its RNA number name the same entity (``rna_id`` is "W" followed by the SIREN).
    One without a SIREN exists only in the RNA.
    """

    rna_id: str
    company: Company | None
    titre: str
    objet: str
    address: Address
    created_on: date
    declared_on: date
    # The Journal officiel's publication; none until it appeared (or none recorded).
    published_on: date | None
    dissolved_on: date | None
    updated_on: date
    # The RNA's grouping ("Simple", a union or a federation), unknown for some records.
    groupement: str | None = "Simple"
    # The head office SIRET the RNA records for an association without a company of the world (curated).
    recorded_siret: str | None = None
    # Whether the RNA records the creation day: a curated record without one keeps its publication day as its
    # first event (the timeline starts there) and the routes reading the RNA's day print none.
    creation_recorded: bool = True

    @property
    def recorded_creation(self) -> date | None:
        """Return the creation day the RNA records, or None."""
        return self.created_on if self.creation_recorded else None

    @property
    def siret(self) -> str | None:
        """Return the head office's SIRET: its company's (an association registered with INSEE), or the recorded one."""
        return self.company.siege_siret if self.company else self.recorded_siret
