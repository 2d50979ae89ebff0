"""Curated entities (``fixtures/entities.json``): what a few well-known identifiers must look like.

Their fields override what the generator would draw: the company's (INSEE's facts) and, for
some, the trade register's (registration day, observations).
"""

import json
from datetime import date

from mockserver.paths import FIXTURES_DIR
from mockserver.world.entities import Address


def _entries() -> list[dict]:
    """Read the curated entities of the fixture file."""
    with open(FIXTURES_DIR / "entities.json", encoding="utf-8") as handle:
        return json.load(handle)["entities"]


def _load_companies() -> dict[str, dict]:
    """Load the curated fields, keyed by SIREN, with dates and addresses parsed."""
    curated = {}
    for entry in _entries():
        fields = dict(entry["company"])
        for key in ("created_on", "ceased_on"):
            if fields.get(key):
                fields[key] = date.fromisoformat(fields[key])
        if "address" in fields:
            fields["address"] = Address(**fields["address"])
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


COMPANIES = _load_companies()
REGISTRATIONS = _load_registrations()
# Curated RNA numbers that are not "W" + SIREN, and the SIREN they name.
RNA_NUMBERS = {fields["rna_id"]: siren for siren, fields in COMPANIES.items() if fields.get("rna_id")}
