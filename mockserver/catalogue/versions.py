"""Every version of a current route: production routes ``/v{N}/…`` to the route's controller for any number N.

Its router takes the version as a path parameter (``scope path: 'v:api_version'``), so
``/v7/insee/sirene/unites_legales/{siren}`` reaches the same controller as v3; the controller
then refuses a version it has no serializer for with 404 ``00402`` "La version v7 n'est pas
supportée pour cet endpoint", after the token, the scope, the in-flight key and the
traceability parameters (``VersionAware#verify_api_version!``). ``/v2/…`` is not one of them:
production's switch-off catches it first, and the sandbox serves its own v2 there.

A route is known here by its path without the version (its *tail*); the aliases are paths
production routes to a row's controller under another name.
"""

from dataclasses import replace
from functools import lru_cache

from mockserver.catalogue.current import CURRENT_ENDPOINTS
from mockserver.catalogue.endpoint import Endpoint

# The DJEPVA's routes under the ministry's older name: the same controllers (config/routes/api_entreprise.rb).
ALIASES = {
    "ministere_interieur/api-association/associations/{siren_or_rna}": (
        "djepva/api-association/associations/{siren_or_rna}"
    ),
    "ministere_interieur/api-association/associations/open_data/{siren_or_rna}": (
        "djepva/api-association/associations/open_data/{siren_or_rna}"
    ),
}
# How many refused versions are kept built; a client asks for one or two.
KEPT = 256


def _tail(path: str) -> str:
    """Return a versioned path without its ``/vN/``."""
    return path.split("/", 2)[2]


def _by_tail() -> dict[str, dict[str, Endpoint]]:
    """Return each current route's rows by version, under its tail and its aliases' tails."""
    rows: dict[str, dict[str, Endpoint]] = {}
    for endpoint in CURRENT_ENDPOINTS:
        if endpoint.path.startswith(("/v3/", "/v4/")):
            rows.setdefault(_tail(endpoint.path), {})[endpoint.version] = endpoint
    for alias, tail in ALIASES.items():
        rows[alias] = rows[tail]
    return rows


BY_TAIL = _by_tail()
# The Flask rule of each tail (``{siren}`` becomes ``<siren>``), under any version.
TAIL_RULES = {tail: tail.replace("{", "<").replace("}", ">") for tail in BY_TAIL}


def unsupported_detail(version: str) -> str:
    """Return production's detail of 00402 for ``version`` (``v7``)."""
    return f"La version {version} n'est pas supportée pour cet endpoint"


@lru_cache(maxsize=KEPT)
def at_version(tail: str, number: int) -> Endpoint:
    """Return the row that answers ``/v{number}/{tail}``: the version's own, else a row that refuses it (00402)."""
    rows = BY_TAIL[tail]
    version = f"v{number}"
    if version in rows:
        return rows[version]
    base = rows.get("v3") or rows["v4"]
    return replace(
        base,
        # Production's operation id: the in-flight key and the journal name the version asked for.
        name=base.name.replace(f"_{base.version}_", f"_{version}_", 1),
        path=f"/{version}/{tail}",
        version=version,
        supported=False,
        details={**base.details, "unsupported_version": unsupported_detail(version)},
    )
