"""The suite's own layout: test files share code through helper modules, never by importing one another; each test
is in one layer, and the make targets run the layers they say."""

import ast
import re
import tomllib
from pathlib import Path

import pytest

from .layers import LAYERS, layer_of, selects

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


def borrowed_modules(path: Path) -> set[str]:
    """Return the test files and conftest that ``path`` imports from."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("tests.")):
            module = (node.module or "").removeprefix("tests.")
            if module.startswith("test_") or module == "conftest":
                found.add(module)
    return found


def test_no_test_file_imports_another_test_file_or_conftest():
    borrowing = {path.name: borrowed_modules(path) for path in sorted(TESTS.glob("test_*.py"))}
    assert not {name: modules for name, modules in borrowing.items() if modules}, "move what they share to helpers.py"


def make_runs(target: str) -> list[tuple[str, list[str]]]:
    """Return the ``-m`` expression and the paths of each pytest command ``make TARGET`` runs, in order."""
    recipe = re.search(rf"^{re.escape(target)}:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.M).group(1)
    return [(expression, paths.split()) for expression, paths in re.findall(r'pytest\b.* -m "([^"]+)"(.*)', recipe)]


def make_selections(target: str) -> list[str]:
    """Return the ``-m`` expressions of the pytest commands ``make TARGET`` runs, in order."""
    return [expression for expression, _ in make_runs(target)]


def test_make_test_runs_every_layer_once_and_make_test_fast_the_unit_layer_alone():
    runs = {layer: [e for e in make_selections("test") if selects(e, markers)] for layer, markers in LAYERS.items()}
    assert all(len(expressions) == 1 for expressions in runs.values()), runs
    # Each of its commands collects every directory of the suite (pyproject's testpaths).
    assert [paths for _, paths in make_runs("test")] == [[], []]
    fast = [layer for layer, markers in LAYERS.items() for e in make_selections("test-fast") if selects(e, markers)]
    assert fast == ["unit"]


def module_markers(path: Path) -> set[str]:
    """Return the markers a test file puts on all its tests (``pytestmark = pytest.mark.NAME``, or a list of them)."""
    markers = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign) and any(getattr(target, "id", None) == "pytestmark" for target in node.targets):
            markers |= {mark.attr for mark in ast.walk(node.value) if isinstance(mark, ast.Attribute)} - {"mark"}
    return markers


def test_make_test_fast_leaves_out_only_directories_that_hold_no_unit_test():
    testpaths = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["testpaths"]
    ((_, collected),) = make_runs("test-fast")
    assert set(collected) <= set(testpaths)
    left_out = [path for directory in set(testpaths) - set(collected) for path in (ROOT / directory).rglob("test_*.py")]
    assert not [path.name for path in left_out if not module_markers(path) & {"sweep", "system"}]


@pytest.mark.parametrize(
    ("source", "markers"),
    [
        ("pytestmark = pytest.mark.sweep", {"sweep"}),
        ("pytestmark = [pytest.mark.system, pytest.mark.skipif(True, reason='x')]", {"system", "skipif"}),
        ("marks = pytest.mark.sweep", set()),
        ("def test_sweep():\n    pytestmark = pytest.mark.sweep", set()),
    ],
)
def test_module_markers_are_those_of_the_modules_pytestmark(tmp_path, source, markers):
    path = tmp_path / "test_x.py"
    path.write_text(source)
    assert module_markers(path) == markers


@pytest.mark.parametrize(
    ("markers", "layer"),
    [
        (set(), "unit"),
        ({"parametrize", "sweep"}, "sweep"),
        ({"system"}, "system"),
        ({"system", "concurrent", "skipif"}, "concurrent system"),
        ({"concurrent"}, None),
        ({"system", "sweep"}, None),
    ],
)
def test_a_test_is_in_one_layer_or_refused(markers, layer):
    if layer is None:
        with pytest.raises(ValueError, match="name no layer"):
            layer_of(markers)
    else:
        assert layer_of(markers) == layer
