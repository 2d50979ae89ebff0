"""The facts of the official API Entreprise files the tests check the sandbox against.

The tests read ``tests/reference_facts.json``, committed: routes, methods, parameters, the
shape of each 200 answer (types, required fields, enums), the error codes each status carries,
and the staging cases with their statuses. Facts only: no description, example or summary.
Beside it, ``tests/staging_payloads.json`` keeps production's own staging answers (the payload
files of datagouv/apistration's ``mocks/payloads``): each case's operation, file, parameters,
status and body, which the replay test asks the sandbox for.

``make reference`` (``python -m tests.reference [DIR]``) derives both files again from the
official files (``../shared/reference`` by default) and fails when a committed one was stale.
"""

import argparse
import json
import sys
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "tests" / "reference_facts.json"
# Where CI checks the official files out: beside the repository (a worktree: one level further up).
CANDIDATES = (ROOT.parent / "shared" / "reference", ROOT.parent.parent / "shared" / "reference")
OPENAPI = "api_entreprise/openapi/api_entreprise_v3plus_openapi_2026-03.yaml"
# The last v2 file: its routes and their 200 schemas (the sandbox's v2 answers follow the 2020 documentation).
OPENAPI_V2 = "api_entreprise/openapi/api_entreprise_v2_openapi_2023-01.yaml"
STAGING_INDEX = "api_entreprise/fixtures/v3/staging_payloads/_index.json"
# What a schema says about a value's shape; titles, descriptions and examples are left behind.
SCHEMA_FACTS = ("type", "nullable", "format", "enum", "required")
PARAMETER_SCHEMA_FACTS = ("type", "format", "enum", "pattern")
STAGING_FACTS = ("operation_id", "case", "params", "status", "error_codes")
STAGING_PAYLOADS_FILE = ROOT / "tests" / "staging_payloads.json"
STAGING_PAYLOADS = "api_entreprise/fixtures/staging_payloads_apistration_2026-04.json"
# A payload file's facts: its title is prose, and its body is kept parsed so that a changed value is a one-line diff.
STAGING_PAYLOAD_FACTS = ("operation", "path", "file", "params", "status")
LINE = 120


@cache
def facts() -> dict:
    return json.loads(FACTS.read_text(encoding="utf-8"))


def openapi() -> dict:
    """Return the official v3+ routes: ``paths[path][method]`` with parameters, responses and schema."""
    return facts()["openapi"]


def openapi_v2() -> dict:
    """Return the official v2 routes, in the same form as ``openapi``."""
    return facts()["openapi_v2"]


def openapi_v2_paths() -> list[str]:
    """Return the routes of the last official v2 file."""
    return list(openapi_v2()["paths"])


def staging_index() -> list[dict]:
    """Return the official staging cases: operation, case name, parameters, status, error codes."""
    return facts()["staging_cases"]


@cache
def staging_payloads() -> list[dict]:
    """Return production's staging answers: operation, route path, payload file, parameters, status and body."""
    return json.loads(STAGING_PAYLOADS_FILE.read_text(encoding="utf-8"))["cases"]


def _resolve(document: dict, schema: dict) -> dict:
    """Follow a local ``$ref`` of the document, if the schema is one."""
    while "$ref" in schema:
        target = document
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        schema = target
    return schema


def _schema(document: dict, schema: dict) -> dict:
    """Reduce an OpenAPI schema to the facts of its shape, recursively."""
    schema = _resolve(document, schema)
    reduced = {key: schema[key] for key in SCHEMA_FACTS if key in schema}
    if "properties" in schema:
        reduced["properties"] = {name: _schema(document, sub) for name, sub in schema["properties"].items()}
    if "items" in schema:
        reduced["items"] = _schema(document, schema["items"])
    return reduced


def _parameter(document: dict, parameter: dict) -> dict:
    parameter = _resolve(document, parameter)
    schema = _resolve(document, parameter.get("schema", {}))
    return {
        "name": parameter["name"],
        "in": parameter["in"],
        "required": parameter.get("required", False),
        "schema": {key: schema[key] for key in PARAMETER_SCHEMA_FACTS if key in schema},
    }


def _error_codes(response: dict) -> list[str]:
    """Return the error codes the examples of one response carry, in order, once each."""
    codes = []
    for content in response.get("content", {}).values():
        for example in content.get("examples", {}).values():
            for error in (example.get("value") or {}).get("errors", []):
                if error.get("code") not in codes:
                    codes.append(error.get("code"))
    return codes


def _operation(document: dict, operation: dict) -> dict:
    responses = operation.get("responses", {})
    ok = responses.get("200", {})
    schemas = [content["schema"] for content in ok.get("content", {}).values() if "schema" in content]
    derived = {
        "operation_id": ok.get("x-operationId"),
        "deprecated": operation.get("deprecated", False),
        "parameters": [_parameter(document, parameter) for parameter in operation.get("parameters", [])],
        "responses": {status: _error_codes(response) for status, response in responses.items()},
    }
    if schemas:
        derived["schema"] = _schema(document, schemas[0])
    return derived


def derive(directory: Path) -> dict:
    """Return the facts of the official files under ``directory``."""
    staging = json.loads((directory / STAGING_INDEX).read_text(encoding="utf-8"))
    return {
        "about": "Derived from the official API Entreprise files by `make reference`: do not edit.",
        "sources": {"openapi": OPENAPI, "openapi_v2": OPENAPI_V2, "staging_cases": STAGING_INDEX},
        "openapi": _routes(directory / OPENAPI),
        "openapi_v2": _routes(directory / OPENAPI_V2),
        "staging_cases": [{key: case[key] for key in STAGING_FACTS} for case in staging],
    }


def derive_staging_payloads(directory: Path) -> dict:
    """Return the staging answers of production's payload files under ``directory``, bodies parsed."""
    collection = json.loads((directory / STAGING_PAYLOADS).read_text(encoding="utf-8"))
    return {
        "about": "Derived from production's staging payload files by `make reference`: do not edit.",
        "sources": {"staging_payloads": STAGING_PAYLOADS, "collection": collection["source"]},
        "cases": [
            {**{key: case[key] for key in STAGING_PAYLOAD_FACTS}, "payload": json.loads(case["payload"])}
            for case in collection["cases"]
        ],
    }


def _routes(file: Path) -> dict:
    """Return the facts of every operation of one official OpenAPI file."""
    with open(file, encoding="utf-8") as handle:
        document = yaml.load(handle, Loader=yaml.CSafeLoader)
    return {
        "paths": {
            path: {method: _operation(document, operation) for method, operation in operations.items()}
            for path, operations in document["paths"].items()
        }
    }


def render(value, depth: int = 0) -> str:
    """Write JSON one short container a line, so that a changed fact is a one-line diff."""
    compact = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))
    if not isinstance(value, dict | list) or len(compact) + depth <= LINE:
        return compact + ("\n" if depth == 0 else "")
    pad = " " * (depth + 1)
    if isinstance(value, dict):
        lines = [
            f"{pad}{json.dumps(key, ensure_ascii=False)}: {render(value[key], depth + 1)}" for key in sorted(value)
        ]
        opening, closing = "{", "}"
    else:
        lines = [pad + render(item, depth + 1) for item in value]
        opening, closing = "[", "]"
    text = opening + "\n" + ",\n".join(lines) + "\n" + " " * depth + closing
    return text + ("\n" if depth == 0 else "")


def main(argv: list[str] | None = None) -> int:
    """Derive the facts files again; exit 1 when a committed one was stale, 2 without the official files."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("directory", nargs="?", type=Path, help="the official files (default: ../shared/reference)")
    parser.add_argument("--if-present", action="store_true", help="without the official files, say so and exit 0")
    args = parser.parse_args(argv)
    directory = args.directory
    found = [directory] if directory else [c for c in CANDIDATES if (c / OPENAPI).is_file()]
    if not found or not (found[0] / OPENAPI).is_file():
        looked = directory or " or ".join(map(str, CANDIDATES))
        print(f"official files not found: no {OPENAPI} under {looked}", file=sys.stderr)
        return 0 if args.if_present else 2
    stale = False
    for file, derived in ((FACTS, derive), (STAGING_PAYLOADS_FILE, derive_staging_payloads)):
        text = render(derived(found[0]))
        if file.is_file() and file.read_text(encoding="utf-8") == text:
            print(f"{file.relative_to(ROOT)} is up to date with {found[0]}")
            continue
        file.write_text(text, encoding="utf-8")
        print(f"{file.relative_to(ROOT)} was stale: derived again from {found[0]}; commit it", file=sys.stderr)
        stale = True
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
