"""Near misses: for a request no route answered, the nearest catalogue route and why it did not match.

As WireMock's near misses do, the journal tells a client that sees a 404 or a 405 which
route it probably meant and what differs: the method (the API answers GET only), the
version (the route exists in another one), a path segment (a typo), a missing path
parameter, or segments past the route's path. Paths are compared segment by segment; a
route parameter (``{siren}``) matches any non-empty segment, since the route itself checks
its value. A request near no route (more than two differences, or a segment unlike the
route's) has no near miss.

The work is bounded by the catalogue, not by the request: the path is split once, and a
segment whose length alone keeps it from being ``MIN_LIKENESS`` alike is never compared
character by character (a 64,000-character segment costs what a short one does).
"""

import difflib
import re
from dataclasses import dataclass

from mockserver.catalogue import ENDPOINTS, Endpoint

VERSION = re.compile(r"^v[0-9]+$")
# Beyond this many differences, or a segment less like the route's than this, a route is not what the client meant.
MAX_DIFFERENCES = 2
MIN_LIKENESS = 0.6


@dataclass(frozen=True)
class Mismatch:
    """How a request differs from one route: a cost (lower is nearer), its kind and the reason in words."""

    cost: float
    kind: str
    reason: str


def _segments(path: str) -> list[str]:
    """Return the segments of a path, an empty one for a trailing or doubled slash."""
    return path.removeprefix("/").split("/")


def _is_parameter(segment: str) -> bool:
    return segment.startswith("{")


def _segment_mismatch(asked: str, expected: str, position: int) -> Mismatch | None:
    """Return the mismatch of one literal segment: a version, or a misspelt segment (None: unlike it)."""
    if position == 0 and VERSION.match(asked) and VERSION.match(expected):
        return Mismatch(1, "version", f"the route is served in {expected}, not {asked}")
    # The likeness is at most twice the shorter length over both lengths: decided without comparing.
    if 2 * min(len(asked), len(expected)) < MIN_LIKENESS * (len(asked) + len(expected)):
        return None
    likeness = difflib.SequenceMatcher(None, asked, expected).ratio()
    if likeness < MIN_LIKENESS:
        return None
    # The nearer the spelling, the cheaper.
    return Mismatch(2 - likeness, "path_segment", f"segment {asked!r} should be {expected!r}")


def _same_length(asked: list[str], template: list[str]) -> list[Mismatch] | None:
    """Return the mismatches of a path as long as the route's, segment by segment (None: a segment unlike it)."""
    found = []
    for position, (segment, expected) in enumerate(zip(asked, template, strict=True)):
        if _is_parameter(expected):
            if not segment:
                found.append(Mismatch(1, "missing_parameter", f"the path lacks its {expected} parameter"))
        elif segment != expected:
            mismatch = _segment_mismatch(segment, expected, position)
            if mismatch is None:
                return None
            found.append(mismatch)
    return found


def _one_parameter_short(asked: list[str], template: list[str]) -> list[Mismatch] | None:
    """Return the mismatch of a path that is the route's without one parameter, None if it is not."""
    for position, expected in enumerate(template):
        if _is_parameter(expected) and _same_length(asked, template[:position] + template[position + 1 :]) == []:
            return [Mismatch(1, "missing_parameter", f"the path lacks its {expected} parameter")]
    return None


def mismatches(method: str, asked: list[str], endpoint: Endpoint) -> list[Mismatch] | None:
    """Return how a request (its path's segments) differs from ``endpoint``'s route, None when it is not near it."""
    template = _segments(endpoint.path)
    if len(asked) == len(template):
        found = _same_length(asked, template)
    elif len(asked) == len(template) - 1:
        found = _one_parameter_short(asked, template)
    elif len(asked) > len(template) and _same_length(asked[: len(template)], template) == []:
        extra = "/".join(asked[len(template) :])
        reason = f"{extra!r} follows the route's path" if extra else "the route's path takes no trailing slash"
        found = [Mismatch(1 + (len(asked) - len(template)) / 2, "path", reason)]
    else:
        found = None
    if found is None or len(found) > MAX_DIFFERENCES:
        return None
    if not found:
        # The path is the route's: only the method can have missed it.
        return [Mismatch(0, "method", f"the route answers GET, not {method}")] if method != "GET" else None
    return found


def near_miss(method: str, path: str) -> dict | None:
    """Return the catalogue route nearest a request no route answered, and why it did not match (None: none near)."""
    best, best_found = None, None
    asked = _segments(path)
    for endpoint in ENDPOINTS:
        found = mismatches(method, asked, endpoint)
        if found is not None and (best_found is None or _cost(found) < _cost(best_found)):
            best, best_found = endpoint, found
    if best is None:
        return None
    return {
        "endpoint": best.name,
        "path": best.path,
        "mismatch": best_found[0].kind,
        "reason": "; ".join(mismatch.reason for mismatch in best_found),
    }


def _cost(found: list[Mismatch]) -> float:
    return sum(mismatch.cost for mismatch in found)
