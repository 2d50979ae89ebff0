"""The reference material beside the checkout: official OpenAPI file and staging cases.

CI checks the repository out next to ``shared/``; a worktree one level deeper finds it one
level up. A test that needs it fails, loudly, when it is nowhere: it never skips.
"""

import json
from functools import cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CANDIDATES = (ROOT.parent / "shared" / "reference", ROOT.parent.parent / "shared" / "reference")
OPENAPI = "api_entreprise/openapi/api_entreprise_v3plus_openapi_2026-03.yaml"
STAGING_INDEX = "api_entreprise/fixtures/v3/staging_payloads/_index.json"


def reference_dir() -> Path:
    for candidate in CANDIDATES:
        if (candidate / OPENAPI).is_file():
            return candidate
    pytest.fail(f"reference material missing: looked for {OPENAPI} under {', '.join(map(str, CANDIDATES))}")


@cache
def openapi() -> dict:
    with open(reference_dir() / OPENAPI, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=yaml.CSafeLoader)


@cache
def staging_index() -> list[dict]:
    return json.loads((reference_dir() / STAGING_INDEX).read_text(encoding="utf-8"))


@cache
def openapi_document(name: str) -> dict:
    """Return the official OpenAPI file ``name`` of the reference's openapi folder."""
    with open(reference_dir() / "api_entreprise" / "openapi" / name, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=yaml.CSafeLoader)
