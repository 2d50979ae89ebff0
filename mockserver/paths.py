"""Where the data shipped with the sandbox lives: fixtures and JSON Schemas.

In a wheel they sit inside the package; in a source checkout, at the repository's top level.
"""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    """Return the shipped directory ``name``, inside the package or beside it."""
    inside = PACKAGE_DIR / name
    return inside if inside.is_dir() else PACKAGE_DIR.parent / name


FIXTURES_DIR = _data_dir("fixtures")
SCHEMAS_DIR = _data_dir("schemas")
