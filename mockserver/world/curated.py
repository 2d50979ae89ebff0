"""Curated entities (``fixtures/entities.json``): what a few well-known identifiers must look like.

Their fields override what the generator would draw: the company's (INSEE's facts), its head
office's where they differ from its unit's (activity, headcount, creation and update days,
sign), and, for some, the trade register's (registration day, observations). The official
staging identifiers take theirs from production's staging payload files; where the files of one
route contradict the others', the entity keeps that route's facts apart (``STAGING_VIEWS``). The
facts the files of providers other than INSEE and the RNA show of them are in
``fixtures/provider_facts.json``: one section per provider (the facts alone, never the answer's
envelope), keyed by SIREN or, for an association the RNA alone knows, by RNA number.
"""

import json
import types
from dataclasses import is_dataclass
from datetime import date, datetime
from typing import Union, get_args, get_origin, get_type_hints

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
        if "address" in fields:
            fields["address"] = Address(**fields["address"])
        if "created_on" in fields and fields["created_on"] is None:
            # No day invented: the publication in the Journal officiel is the first the record proves.
            fields |= {"created_on": fields["published_on"], "creation_recorded": False}
        deposits = entry.get("documents", ())
        fields["documents"] = tuple((item["kind"], datetime.fromisoformat(item["received_at"])) for item in deposits)
        records[entry["rna_id"]] = fields
    return records


def _load_djepva_views() -> dict[str, dict]:
    """Load what the DJEPVA's answer shows of an association beyond the world's draw, keyed by RNA number or SIREN."""
    entries = [(entry["rna_id"], entry) for entry in _fixture().get("associations", ())]
    # An association registered with INSEE declares under its RNA number, a local-law one under its SIREN.
    entries += [(entry["company"].get("rna_id") or entry["siren"], entry) for entry in _entries()]
    views = {}
    for key, entry in entries:
        if "djepva" in entry:
            view = dict(entry["djepva"])
            if view.get("ess_since"):
                view["ess_since"] = date.fromisoformat(view["ess_since"])
            views[key] = view
    return views


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


def _load_establishments() -> dict[str, dict]:
    """Load the curated secondary establishments (those a staging file shows), keyed by SIRET, days parsed."""
    curated = {}
    for entry in _entries():
        for site in entry.get("establishments", ()):
            fields = _parsed({key: value for key, value in site.items() if key != "nic"})
            curated[entry["siren"] + site["nic"]] = fields | {"address": Address(**site["address"])}
    return curated


def _load_successions() -> list[dict]:
    """Load the curated succession links between establishments, their days parsed."""
    links = [link for entry in _entries() for link in entry.get("successions", ())]
    return [{**link, "day": date.fromisoformat(link["day"])} for link in links]


def _load_providers() -> dict[tuple[str, str], object]:
    """Load the facts of the providers' staging files, keyed by (provider, SIREN or RNA number)."""
    with open(FIXTURES_DIR / "provider_facts.json", encoding="utf-8") as handle:
        entities = json.load(handle)["entities"]
    return {
        (provider, identifier): facts
        for identifier, sections in entities.items()
        for provider, facts in sections.items()
        if provider != "label"
    }


def provider_facts(provider: str, identifier: str):
    """Return the facts ``provider``'s staging file shows of the entity ``identifier`` names, or None."""
    return PROVIDERS.get((provider, identifier))


def build(kind, facts):
    """Return ``facts`` (JSON) as a value of ``kind``: a model's dataclass, its days, tuples and optional values.

    A staging file's facts are written in the model's own field names, so that a curated record is the
    record the draw would make and every renderer reads it as it reads a drawn one.
    """
    if facts is None:
        return None
    origin, args = get_origin(kind), get_args(kind)
    if origin in (Union, types.UnionType):
        return build(next(arg for arg in args if arg is not type(None)), facts)
    if is_dataclass(kind):
        hints = get_type_hints(kind)
        return kind(**{name: build(hints[name], value) for name, value in facts.items()})
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(build(args[0], item) for item in facts)
        return tuple(build(arg, item) for arg, item in zip(args, facts, strict=True))
    if kind in (date, datetime):
        return kind.fromisoformat(facts)
    return facts


def day(value: str | None) -> date | None:
    """Return a curated day written in ISO 8601, or None."""
    return date.fromisoformat(value) if value else None


COMPANIES = _load_companies()
PROVIDERS = _load_providers()
HEAD_OFFICES = _load_head_offices()
REGISTRATIONS = _load_registrations()
# Where production's staging files of one route contradict the same entity's other routes: the facts
# that route's files show of the head office, by SIREN, under "establishment" (the establishment and
# head-office routes, v3 and v4, open data too) or "address" (the address routes).
STAGING_VIEWS = _load_staging_views()
# Secondary establishments whose facts the world does not draw (production's staging files show them), by SIRET.
ESTABLISHMENTS = _load_establishments()
# Succession links the world does not draw: a SIRET one of them names has those links alone.
SUCCESSIONS = _load_successions()
# Associations whose RNA record must look a given way (production's staging examples): the record's facts
# (of one registered with INSEE, those beyond its unit's) and, of one the RNA alone knows, its deposits (kind,
# the instant the RNA received it).
RNA_RECORDS = _load_rna_records()
# What production's staging files of the DJEPVA show of an association that its other routes do not (Le Compte
# Asso's declarations, the RNA's management address, its internal number), keyed by RNA number or SIREN.
DJEPVA_VIEWS = _load_djepva_views()
# Curated RNA numbers that are not "W" + SIREN, and the SIREN they name.
RNA_NUMBERS = {fields["rna_id"]: siren for siren, fields in COMPANIES.items() if fields.get("rna_id")}
