"""Paths as production's router reads them, for the dispatcher and Flask alike.

Rails squeezes repeated slashes and drops a trailing one before routing (``RouteSet#call``,
Journey's ``normalize_path``) and takes a suffix ``.<anything>`` (no dot, slash or question mark
in it) for the optional ``format`` parameter of its routes (``(.:format)``): ``.json``, ``.xml``
or ``.foo`` alike, since its controllers render JSON whatever the format says. A request whose
slashes had to be normalised is marked in the environment (``NORMALISED``): production's rate
limiter recognises the raw URL, finds no route there, and so neither counts it nor says its
budget. One that named its format is marked too (``FORMAT_IN_PATH``): Rails then reads no
Accept header. Only the API's own paths (``/v{N}/…``) are production's router's: the storage,
the admin API and the console are routed as they are, and so is the OpenAPI file of the engine
production mounts under ``/v3``.
"""

import re
from dataclasses import replace

# Where a request whose path production normalises before routing is marked, for the rate limit.
NORMALISED = "mockserver.normalised"
# Where a request whose path names its format (.json, .xml…) is marked: Rails then reads no Accept header.
FORMAT_IN_PATH = "mockserver.format_in_path"
# The format suffix production's routes accept (``(.:format)``, Journey's segment: no dot, slash or question
# mark): its controllers answer JSON whatever it says.
FORMAT_SUFFIX = re.compile(r"\.[^/.?]+\Z")
# Answered by the engine production mounts under /v3 (rswag), whose file name is no route's format.
ENGINE_PATHS = frozenset({"/v3/openapi-entreprise.yaml"})
REPEATED_SLASHES = re.compile("/{2,}")
# The API's own paths, where the format suffix is read (``/v3/…``, not the sandbox's ``/openapi/v3.json``).
VERSIONED = re.compile("/v[0-9]+/.")


def routed_path(raw: str) -> tuple[str, bool]:
    """Return the path production routes for a WSGI path, and whether its slashes had to be normalised."""
    squeezed = REPEATED_SLASHES.sub("/", "/" + raw)
    # The API's paths only: the storage, the admin and the console are not production's router.
    if not VERSIONED.match(squeezed + "/"):
        return raw, False
    normal = squeezed.rstrip("/") or "/"
    without_format = FORMAT_SUFFIX.sub("", normal)
    if normal not in ENGINE_PATHS and VERSIONED.match(without_format):
        normal = without_format
    return normal, squeezed.rstrip("/") != raw.rstrip("/") or (raw.endswith("/") and raw != "/")


def route_as_production(environ: dict, path: str) -> str:
    """Return the path to route a request by, marking the environment when it was normalised or named a format."""
    # No repeated or trailing slash, no dot in the last segment: nothing to normalise, no format named.
    if path.startswith("/") and "//" not in path and not path.endswith("/") and "." not in path.rpartition("/")[2]:
        return path
    routed, normalised = routed_path(path)
    if normalised:
        environ[NORMALISED] = True
    if FORMAT_SUFFIX.search(path.rstrip("/")) and not FORMAT_SUFFIX.search(routed):
        environ[FORMAT_IN_PATH] = True
    return routed


def unthrottled_if_normalised(endpoint, environ: dict):
    """Return the row a request is answered by: without its rate limit when its path had to be normalised."""
    return replace(endpoint, rate_group=None) if environ.get(NORMALISED) and endpoint.rate_group else endpoint
