"""``pip install 'api-entreprise-sandbox[kit]'`` brings every module the package imports, its pytest plugin's too.

The requirements are read from ``pyproject.toml``, those of each dependency from its installed
metadata; the imports from the package's source, lazy ones included.
"""

import ast
import importlib.metadata
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .helpers import DEVELOPMENT_TOOLS

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def imported_distributions() -> set[str]:
    """Return the distributions whose modules the package imports (the standard library left out)."""
    modules = set()
    for source in (ROOT / "mockserver").rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                modules.add(node.module.split(".")[0])
    modules -= {*sys.stdlib_module_names, "mockserver"}
    owners = importlib.metadata.packages_distributions()
    return {canonicalize_name(owners[module][0]) for module in modules}


def installed_by(requirements: list[str], extras: frozenset[str] = frozenset()) -> set[str]:
    """Return the distributions pip installs for ``requirements``, theirs included."""
    found, pending = set(), [(Requirement(text), extras) for text in requirements]
    while pending:
        requirement, wanted = pending.pop()
        if requirement.marker and not any(requirement.marker.evaluate({"extra": e}) for e in {"", *wanted}):
            continue
        name = canonicalize_name(requirement.name)
        if name in found:
            continue
        found.add(name)
        pending += [
            (Requirement(text), frozenset(requirement.extras)) for text in importlib.metadata.requires(name) or []
        ]
    return found


def test_the_kit_extra_brings_every_module_the_package_imports():
    kit = installed_by(PROJECT["dependencies"] + PROJECT["optional-dependencies"]["kit"])
    assert imported_distributions() - kit == set()


# What the development and test tools are: none may come with `pip install .` (serving), all with the dev extra.
def test_the_runtime_brings_every_module_serving_imports_and_no_development_tool():
    runtime = installed_by(PROJECT["dependencies"])
    assert imported_distributions() - runtime == {"pytest"}  # the kit's plugin alone, through the kit extra
    assert runtime & DEVELOPMENT_TOOLS == set()
    assert DEVELOPMENT_TOOLS - installed_by(PROJECT["optional-dependencies"]["dev"]) == set()


@pytest.mark.system
def test_make_run_installs_the_runtime_and_make_test_the_dev_extra(tmp_path):
    def planned(target: str) -> str:
        return subprocess.run(
            ["make", "-n", "-f", str(ROOT / "Makefile"), f"VENV={tmp_path / 'venv'}", target],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    run, test = planned("run"), planned("test")
    assert "pip install --quiet -c requirements.lock -e .\n" in run and "[dev]" not in run
    assert "-e '.[dev]'" in test


def test_without_the_kit_extra_the_plugin_would_lack_pytest():
    assert "pytest" in imported_distributions()
    assert "pytest" not in installed_by(PROJECT["dependencies"])
