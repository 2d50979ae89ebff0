"""Curated entities (``fixtures/entities.json``): what a few well-known identifiers must look like.

Their fields override what the generator would draw: the company's (INSEE's facts), its head
office's where they differ from its unit's (activity, headcount, creation and update days,
sign), and, for some, the trade register's (registration day, observations). The official
staging identifiers take theirs from production's staging payload files; where the files of one
route contradict the others', the entity keeps that route's facts apart (``STAGING_VIEWS``).
"""

import json
from datetime import date, datetime

from mockserver.paths import FIXTURES_DIR
from mockserver.world.entities import Address

# The curated fields that are days, and those that are instants, written in ISO 8601.
DATES = ("created_on", "ceased_on", "updated_on", "closed_on", "declared_on", "published_on")
INSTANTS = ("created_at",)


def _fixture() -> dict:
    """Read the fixture file of curated entities."""
    with open(FIXTURES_DIR / "entities.json", encoding="utf-8") as handle:
        return json.load(handle)


def _entries() -> list[dict]:
    """Read the curated entities of the fixture file."""
    return _fixture()["entities"]


def _load_rna_records() -> dict[str, dict]:
    """Load the curated RNA records of associations the RNA alone knows, keyed by RNA number, days parsed."""
    records = {}
    for entry in _fixture().get("associations", ()):
        fields = _parsed(entry["record"])
        fields["address"] = Address(**fields["address"])
        fields["documents"] = tuple(
            (document["kind"], datetime.fromisoformat(document["received_at"])) for document in entry["documents"]
        )
        records[entry["rna_id"]] = fields
    return records


def _load_companies() -> dict[str, dict]:
    """Load the curated fields, keyed by SIREN, with dates and addresses parsed."""
    curated = {}
    for entry in _entries():
        fields = dict(entry["company"])
        for key in DATES:
            if fields.get(key):
                fields[key] = date.fromisoformat(fields[key])
        if "address" in fields:
            fields["address"] = Address(**fields["address"])
        curated[entry["siren"]] = fields
    return curated


def _load_head_offices() -> dict[str, dict]:
    """Load the curated facts of head offices that differ from their unit's, keyed by SIREN."""
    curated = {}
    for entry in _entries():
        if "head_office" in entry:
            fields = dict(entry["head_office"])
            for key in DATES:
                if fields.get(key):
                    fields[key] = date.fromisoformat(fields[key])
            curated[entry["siren"]] = fields
    return curated


def _load_registrations() -> dict[str, dict]:
    """Load the curated trade-register facts (registration day, observations), keyed by SIREN."""
    curated = {}
    for entry in _entries():
        if "rcs" not in entry:
            continue
        fields = dict(entry["rcs"])
        if "registered_on" in fields:
            fields["registered_on"] = date.fromisoformat(fields["registered_on"])
        if "observations" in fields:
            fields["observations"] = [
                {**observation, "day": date.fromisoformat(observation["day"])} for observation in fields["observations"]
            ]
        curated[entry["siren"]] = fields
    return curated


def _parsed(facts: dict) -> dict:
    """Return a section of facts with its days and instants parsed, its unit's too."""
    parsed = {key: date.fromisoformat(value) if key in DATES and value else value for key, value in facts.items()}
    parsed |= {key: datetime.fromisoformat(facts[key]) for key in INSTANTS if key in facts}
    if "unit" in parsed:
        parsed["unit"] = _parsed(parsed["unit"])
    return parsed


def _load_staging_views() -> dict[str, dict[str, dict]]:
    """Load what staging's files of a head office's routes show against its other routes, keyed by SIREN then route."""
    return {
        entry["siren"]: {route: _parsed(facts) for route, facts in entry["staging_views"].items()}
        for entry in _entries()
        if "staging_views" in entry
    }


def _load_successions() -> list[dict]:
    """Load the curated succession links between establishments, their days parsed."""
    links = [link for entry in _entries() for link in entry.get("successions", ())]
    return [{**link, "day": date.fromisoformat(link["day"])} for link in links]


COMPANIES = _load_companies()
HEAD_OFFICES = _load_head_offices()
REGISTRATIONS = _load_registrations()
# Where production's staging files of one route contradict the same entity's other routes: the facts
# that route's files show of the head office, by SIREN, under "establishment" (the establishment and
# head-office routes, v3 and v4, open data too) or "address" (the address routes).
STAGING_VIEWS = _load_staging_views()
# Succession links the world does not draw: a SIRET one of them names has those links alone.
SUCCESSIONS = _load_successions()
# Associations the RNA alone knows whose record must look a given way (production's staging example):
# the record's facts and its deposits (kind, the instant the RNA received it).
RNA_RECORDS = _load_rna_records()
# Curated RNA numbers that are not "W" + SIREN, and the SIREN they name.
RNA_NUMBERS = {fields["rna_id"]: siren for siren, fields in COMPANIES.items() if fields.get("rna_id")}
