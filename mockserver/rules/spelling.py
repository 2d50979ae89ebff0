"""Near names: the "did you mean" of a mistyped route or scenario name."""

import difflib
from collections.abc import Iterable

# How alike two names must be (difflib's ratio) for one to be offered for the other.
LIKENESS = 0.6


def closest(asked: str, known: Iterable[str]) -> str | None:
    """Return the known name nearest ``asked``, when one is near enough to be what was meant."""
    found = difflib.get_close_matches(asked, list(known), n=1, cutoff=LIKENESS)
    return found[0] if found else None
