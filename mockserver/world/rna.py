"""The répertoire national des associations (RNA), as the v2 RNA and the v4 DJEPVA routes read it.

An association registered with INSEE (legal form 9220 or 9230) takes its company's facts —
title, seat, creation and dissolution — so its RNA number and its SIREN name one entity; an
RNA number without a SIREN names an association the RNA alone knows, drawn from that number.
Its deposits at the prefecture (statutes, lists of directors, receipts) are drawn from a
generator of their own. A curated record (``curated.RNA_RECORDS``, production's staging examples)
replaces the draw of the facts it gives, and of an association the RNA alone knows, its deposits.
"""

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from mockserver.world import curated, people
from mockserver.world import nomenclatures as nom
from mockserver.world.entities import Association, Company, Director, paris_timestamp
from mockserver.world.postal import with_postal_extras
from mockserver.world.randomness import day_between, seeded

# Share of the associations known to the RNA alone that have been dissolved.
RNA_DISSOLVED_SHARE = 0.07
# The RNA opened in 2009: older documents entered it then.
RNA_OPENING = date(2009, 1, 1)
# Documents an association deposits at the prefecture, as the RNA names them.
ASSOCIATION_DOCUMENTS = ("Statuts", "Liste des dirigeants", "Procès verbal", "Récépissé de modification")
DISSOLUTION_RECEIPT = "Récépissé de dissolution"


def _dissolution(rng: random.Random, created: date, today: date) -> date | None:
    """Draw whether, and when, an association known to the RNA alone was dissolved."""
    if rng.random() >= RNA_DISSOLVED_SHARE or created > today - timedelta(days=400):
        return None
    return day_between(rng, created + timedelta(days=365), today - timedelta(days=30))


def draw_association(rna_id: str, owner: Company | None, today: date) -> Association:
    """Draw the RNA record of ``rna_id``; an INSEE-registered one takes its company's facts."""
    rng = seeded("rna", rna_id)
    created = owner.created_on if owner else day_between(rng, date(1950, 1, 1), today - timedelta(days=120))
    address = owner.address if owner else with_postal_extras(people.address(rng), seeded("postal", rna_id))
    titre = owner.raison_sociale if owner else f"{rng.choice(nom.ASSOCIATION_NAME_PREFIXES)} {address.city}"
    dissolved_on = owner.ceased_on if owner else _dissolution(rng, created, today)
    declared = day_between(rng, created, dissolved_on or today - timedelta(days=30))
    drawn = Association(
        rna_id=rna_id,
        company=owner,
        titre=titre,
        objet=rng.choice(nom.ASSOCIATION_PURPOSES),
        address=address,
        created_on=created,
        declared_on=declared,
        published_on=created + timedelta(days=rng.randint(10, 60)),
        dissolved_on=dissolved_on,
        updated_on=max(declared, owner.updated_on) if owner else declared,
    )
    fixed = {key: value for key, value in curated.RNA_RECORDS.get(rna_id, {}).items() if key != "documents"}
    return replace(drawn, **fixed)


def record_at(association: Association, at: date) -> Association:
    """Return ``association`` as the RNA showed it on ``at``: published, declared and dissolved by then."""
    declared = association.declared_on if association.declared_on <= at else association.created_on
    return replace(
        association,
        declared_on=declared,
        published_on=association.published_on if association.published_on and association.published_on <= at else None,
        dissolved_on=association.dissolved_on if association.dissolved_on and association.dissolved_on <= at else None,
        updated_on=association.updated_on if association.updated_on <= at else declared,
    )


def dissolved(association: Association, history_end: date, at: date) -> Association:
    """Return ``association`` as dissolved by ``at`` (the dissolved_association scenario).

    The scenario's dissolution is the association's own, else one day drawn from its RNA number; read before
    that day, the day before the instant.
    """
    if association.dissolved_on and association.dissolved_on <= at:
        return association
    rng = seeded("dissolution", association.rna_id)
    day = association.dissolved_on or day_between(
        rng, association.declared_on + timedelta(days=1), history_end - timedelta(days=1)
    )
    day = max(min(day, at - timedelta(days=1)), association.created_on)
    return replace(association, dissolved_on=day, updated_on=day)


@dataclass(frozen=True)
class AssociationDocument:
    """A document of the RNA: its type, the day it is dated, and the day the RNA received it.

    Documents older than the RNA entered it when it opened, so the API's timestamps (of the
    deposit) are never negative while the document keeps its own date.
    """

    kind: str
    dated_on: date
    # The instant the RNA received it, where a curated record gives it (else the Paris midnight of the day).
    received_at: datetime | None = None

    @property
    def deposited_on(self) -> date:
        """Return the day the RNA received the document."""
        return max(self.dated_on, RNA_OPENING)

    @property
    def timestamp(self) -> int:
        """Return the instant the RNA received the document, as the API's timestamp."""
        if self.received_at:
            return int(self.received_at.timestamp())
        return paris_timestamp(self.deposited_on)


@dataclass(frozen=True)
class AssociationFile:
    """An association's deposits, the ones that failed to download, and its directors."""

    association: Association
    documents: tuple[AssociationDocument, ...]
    deficient: int
    directors: tuple[Director, ...]

    def deposited_by(self, at: date) -> list[tuple[int, AssociationDocument]]:
        """Return the documents the RNA had received by ``at``, each with its rank in the file (its URL's part)."""
        return [(rank, document) for rank, document in enumerate(self.documents) if document.deposited_on <= at]


def draw_association_file(association: Association, today: date) -> AssociationFile:
    """Draw the deposits of ``association`` at the prefecture, from a generator seeded by its RNA number."""
    rng = seeded("rna_documents", association.rna_id)
    if association.company is None and association.rna_id in curated.RNA_RECORDS:
        deposits = curated.RNA_RECORDS[association.rna_id]["documents"]
        documents = [AssociationDocument(kind, at.date(), at) for kind, at in deposits]
        return _file(association, documents, rng, today)
    created, declared = association.created_on, association.declared_on
    documents = [AssociationDocument("Statuts", min(created + timedelta(days=rng.randint(0, 20)), declared))]
    if declared > created and rng.random() < 0.7:
        for kind in ASSOCIATION_DOCUMENTS[1:3]:
            documents.append(AssociationDocument(kind, declared))
        receipt = min(declared + timedelta(days=rng.randint(1, 15)), today)
        documents.append(AssociationDocument(ASSOCIATION_DOCUMENTS[3], receipt))
    if association.dissolved_on:
        documents.append(AssociationDocument(DISSOLUTION_RECEIPT, association.dissolved_on))
    return _file(association, documents, rng, today)


def _file(
    association: Association, documents: list[AssociationDocument], rng: random.Random, today: date
) -> AssociationFile:
    """Return an association's file of ``documents``, with its share of deficient ones and its directors drawn."""
    deficient = 1 if rng.random() < 0.1 else 0
    directors = association.company.directors if association.company else ()
    if not directors:
        names = people.names(rng.getrandbits(32), 2)
        directors = tuple(
            Director(fonction=function, person=people.person(rng, name, today))
            for function, name in zip(nom.DIRECTOR_FUNCTIONS[nom.ASSOCIATION], names, strict=True)
        )
    return AssociationFile(association, tuple(documents), deficient, directors)
