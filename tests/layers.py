"""The suite's layers: which markers put a test in which, and which make target runs which.

- unit: no marker; in-process, quick: `make test-fast` runs it, on every core;
- sweep: the wide sweeps (property tests, the conformance suite, the invariants over thousands of
  identifiers): CPU-heavy, `make test` runs them with the unit layer, `make test-fast` leaves them out;
- system: starts processes, servers, containers, a browser or a fresh clone and times them: `make test`
  runs them after the rest, two files at a time, with nothing CPU-bound beside them;
- concurrent system: starts processes but times nothing (a refusal at start-up, a fresh interpreter's
  import): `make test` runs them beside the unit layer, on every core.
"""

LAYER_MARKERS = {"system", "sweep", "concurrent"}
LAYERS = {
    "unit": frozenset(),
    "sweep": frozenset({"sweep"}),
    "system": frozenset({"system"}),
    "concurrent system": frozenset({"system", "concurrent"}),
}


def layer_of(markers: set[str]) -> str:
    """Return the layer of a test carrying ``markers``; raise ValueError when they name none."""
    carried = frozenset(markers & LAYER_MARKERS)
    for layer, wanted in LAYERS.items():
        if carried == wanted:
            return layer
    raise ValueError(f"markers {sorted(carried)} name no layer of the suite (tests/layers.py)")


def selects(expression: str, markers: frozenset[str]) -> bool:
    """Tell whether pytest's ``-m expression`` selects a test carrying ``markers`` (and, or, not, names)."""
    return eval(expression, {"__builtins__": {}}, {name: name in markers for name in LAYER_MARKERS})
