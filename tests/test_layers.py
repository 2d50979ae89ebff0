"""The tree draws the architecture: a module imports only from its own layer or the layers below it."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mockserver"
# Top to bottom: where a request is served, where it enters, its routes, their payloads and files,
# the fictional world they read, the API's rules, the state kept between requests, the leaves.
LAYERS = (
    ("__main__", "serving"),
    ("kit",),
    ("http",),
    ("catalogue",),
    ("renderers",),
    ("documents",),
    ("world",),
    ("rules",),
    ("state",),
    ("config", "clock", "paths", "__init__"),
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def layer_of(module: str) -> str:
    """Return the layer of a dotted module under ``mockserver`` (its first component)."""
    return module.split(".")[1] if "." in module else "__init__"


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        yield ".".join(part for part in relative.parts if part != "__init__") or "mockserver", path


def imported(path: Path):
    """Yield every mockserver module a file imports, at any depth of the file (lazy imports too)."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("mockserver"):
            if node.module == "mockserver":
                yield from (f"mockserver.{alias.name}" for alias in node.names)
            else:
                yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name.startswith("mockserver"))


def test_every_module_belongs_to_a_layer():
    unknown = {layer_of(module) for module, _ in modules()} - RANK.keys()
    assert not unknown


@pytest.mark.parametrize(("module", "path"), list(modules()), ids=lambda value: str(value))
def test_imports_go_down_the_layers(module, path):
    upward = [target for target in imported(path) if RANK[layer_of(target)] < RANK[layer_of(module)]]
    assert not upward, f"{module} ({layer_of(module)}) imports from a layer above it: {upward}"


def test_a_module_importing_upward_is_caught(tmp_path):
    rules_module = tmp_path / "bad.py"
    rules_module.write_text("from mockserver.http.pipeline import Pipeline\n")
    assert [RANK[layer_of(target)] for target in imported(rules_module)] == [RANK["http"]]
    assert RANK["http"] < RANK["rules"]
