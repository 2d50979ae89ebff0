"""The world's shape: facets below one façade, no import circle, no private helper borrowed, no drawing above it."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mockserver"
WORLD = PACKAGE / "world"
FACADE = "mockserver.world"
# What draws at random: only the world may use it; renderers and documents project the world's facts.
DRAWING_MODULES = {"random", "faker", "mockserver.world.people"}
DRAWING_HELPERS = {"mockserver.world.randomness": {"seeded", "weighted", "day_between"}}


def module_name(path: Path) -> str:
    """Return the dotted name of a file under ``mockserver``."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(part for part in parts if part != "__init__")


def world_modules() -> list[str]:
    return sorted(module_name(path) for path in WORLD.glob("*.py"))


def imports_of(path: Path) -> set[str]:
    """Return the mockserver modules a file imports, resolving ``from package import submodule``."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("mockserver"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                is_module = (PACKAGE.parent / Path(*candidate.split("."))).with_suffix(".py").exists()
                found.add(candidate if is_module else node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("mockserver")}
    return found


def world_graph() -> dict[str, set[str]]:
    """Return, for each world module, the world modules it imports."""
    modules = set(world_modules())
    return {module_name(path): imports_of(path) & modules for path in WORLD.glob("*.py")}


def cycle_in(graph: dict[str, set[str]]) -> list[str] | None:
    """Return one import circle of ``graph``, or None."""
    state: dict[str, str] = {}

    def visit(node: str, trail: list[str]) -> list[str] | None:
        state[node] = "open"
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return [*trail[trail.index(target) :], target] if target in trail else [node, target]
            if target not in state and (found := visit(target, [*trail, target])):
                return found
        state[node] = "done"
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start, [start])):
            return found
    return None


def test_no_facet_imports_the_facade():
    offenders = {module for module, targets in world_graph().items() if module != FACADE and FACADE in targets}
    assert not offenders, f"facets importing the façade (an import circle): {offenders}"


def test_the_world_modules_import_no_circle():
    graph = {module: targets - {FACADE} for module, targets in world_graph().items()}
    assert cycle_in(graph) is None


def test_the_cycle_finder_finds_a_circle():
    assert cycle_in({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle_in({"a": {"b"}, "b": set()}) is None


@pytest.mark.system
@pytest.mark.concurrent
@pytest.mark.parametrize("module", world_modules())
def test_each_world_module_imports_alone_in_a_fresh_interpreter(module):
    subprocess.run([sys.executable, "-c", f"import {module}"], check=True, capture_output=True)


def is_module(dotted: str) -> bool:
    """Tell whether a dotted mockserver name is a module (a file or a package)."""
    path = PACKAGE.parent / Path(*dotted.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def private_borrowings(path: Path) -> list[str]:
    """Return the private names a file takes from another mockserver module: ``from x import _y`` or ``x._y``."""
    tree = ast.parse(path.read_text())
    modules = set()
    borrowed = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("mockserver"):
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    borrowed.append(f"from {node.module} import {alias.name}")
                if is_module(f"{node.module}.{alias.name}"):
                    modules.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            modules |= {alias.asname for alias in node.names if alias.name.startswith("mockserver") and alias.asname}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ):
            borrowed.append(f"{node.value.id}.{node.attr}")
    return borrowed


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda path: module_name(path))
def test_no_module_borrows_another_modules_private_helpers(path):
    assert not private_borrowings(path)


def test_a_private_borrowing_is_caught(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from mockserver import world\nfrom mockserver.world.rcs import _acts\nworld._names(1, 2)\n")
    assert private_borrowings(sample) == ["from mockserver.world.rcs import _acts", "world._names"]


@pytest.mark.parametrize(
    "path",
    sorted([*(PACKAGE / "renderers").rglob("*.py"), *(PACKAGE / "documents").rglob("*.py")]),
    ids=lambda path: module_name(path),
)
def test_renderers_and_documents_draw_nothing(path):
    """They only read the world's models: a drawing of their own would be a second version of a fact."""
    assert not drawing_imports(path)


def drawing_imports(path: Path) -> set[str]:
    """Return what a file imports that draws at random: ``random``, Faker, the world's drawing helpers."""
    drawn = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            drawn |= {alias.name for alias in node.names if alias.name.split(".")[0] in DRAWING_MODULES}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = {f"{node.module}.{alias.name}" for alias in node.names}
            if node.module.split(".")[0] in DRAWING_MODULES or node.module in DRAWING_MODULES:
                drawn |= names
            drawn |= names & DRAWING_MODULES
            drawn |= {name for name in names if name.rsplit(".", 1)[1] in DRAWING_HELPERS.get(node.module, ())}
    return drawn


def test_a_drawing_renderer_is_caught(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import random\n"
        "from mockserver.world import people\n"
        "from mockserver.world.randomness import seeded, upper_ascii\n"
    )
    assert drawing_imports(sample) == {"random", "mockserver.world.people", "mockserver.world.randomness.seeded"}
