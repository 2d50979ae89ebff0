"""Random valid identifiers, for the console's "draw" button (``GET /__admin/random/<kind>``).

A drawn identifier passes the API's validation and names an ordinary entity of the world:
never one reserved for a scenario. A SIRET is drawn as the head office of a drawn company,
so that it belongs to a SIREN the world knows as its owner. A kind of the form ``a_or_b``
(``siret_or_rna``) draws one of its parts.

Partial data sets answer 404 for most identifiers (the MSA knows farms, the FNTP public-works
firms): ``search`` draws the identifiers of a route's path until that route answers 200 for
them, a bounded search whose outcome depends on its seed alone.
"""

import random

from werkzeug.datastructures import MultiDict

from mockserver import clock, world
from mockserver.catalogue import Endpoint
from mockserver.documents.store import DocumentStore
from mockserver.renderers.call import Call
from mockserver.rules import identifiers, scenarios
from mockserver.rules.errors import ApiError
from mockserver.rules.identifiers import with_check_digit

URL = "/__admin/random/{kind}"
# Draws a route search spends before it gives up: the sparsest data set (CNETP) answers about one in forty.
SEARCH_DRAWS = 2000
# The search only asks the renderer whether it answers; the URLs of this store are never served.
_PROBE_DOCUMENTS = DocumentStore("route-search", 60)


def _siren(rng: random.Random) -> str:
    """Draw a SIREN that no scenario reserves and that is no duplicate (which names its successor's unit)."""
    while True:
        siren = with_check_digit(f"{rng.randint(30_000_000, 99_999_999):08d}")
        if scenarios.reserved_scenario(siren) is None and not world.is_duplicate(siren):
            return siren


def _siret(rng: random.Random) -> str:
    """Draw the head office SIRET of a drawn company."""
    return world.company(_siren(rng)).siege_siret


def _rna(rng: random.Random) -> str:
    """Draw an RNA number: "W", a department-like pair of digits, seven digits."""
    while True:
        rna = f"W{rng.randint(10, 99)}{rng.randint(0, 9_999_999):07d}"
        if scenarios.reserved_scenario(rna) is None:
            return rna


def _annee(rng: random.Random) -> str:
    """Draw one of the three years closed before the end of the world's drawn history: valid at any later instant."""
    return str(clock.HISTORY_END.year - rng.randint(1, 3))


def _month(rng: random.Random) -> str:
    """Draw a month, written on two digits."""
    return f"{rng.randint(1, 12):02d}"


# Identifier kind -> how to draw one.
DRAWS = {
    "siren": _siren,
    "siret": _siret,
    "rna": _rna,
    "annee": _annee,
    "year": _annee,
    "dgfip_year": _annee,
    "current_year": _annee,
    "month": _month,
}


def _parts(kind: str) -> list[str]:
    """Return the drawable kinds a (possibly composite) kind accepts."""
    return [part for part in kind.split("_or_") if part in DRAWS]


def url(kind: str, route: str | None = None) -> str | None:
    """Return the admin URL that draws an identifier of ``kind`` (for ``route``), or None when none can be drawn."""
    if not _parts(kind):
        return None
    return URL.format(kind=kind) + (f"?route={route}" if route else "")


def draw(kind: str, rng: random.Random) -> str:
    """Draw a valid identifier of ``kind``; raise ``KeyError`` for a kind that cannot be drawn."""
    parts = _parts(kind)
    if not parts:
        raise KeyError(kind)
    return DRAWS[rng.choice(parts)](rng)


def answers(endpoint: Endpoint, path_params: dict[str, str]) -> bool:
    """Tell whether ``endpoint`` answers 200 with data for ``path_params``, no scenario forced."""
    for param, kind in endpoint.identifiers:
        if not identifiers.valid(kind, path_params[param], clock.HISTORY_END):
            return False
    values = list(path_params.values())
    if scenarios.select(endpoint.scenarios, values, None, route=endpoint.name) != scenarios.NOMINAL:
        return False
    call = Call(
        path_params=path_params,
        args=MultiDict(),
        host_url="http://localhost/",
        query_string="",
        now=0.0,
        scenario=scenarios.NOMINAL,
        documents=_PROBE_DOCUMENTS,
    )
    try:
        return endpoint.render(call).status == 200
    except ApiError:
        return False


def search(endpoint: Endpoint, rng: random.Random) -> dict[str, str] | None:
    """Draw path parameters of ``endpoint`` until it answers 200 for them; None after ``SEARCH_DRAWS`` draws."""
    kinds = dict(endpoint.identifiers)
    if not endpoint.supported:
        return None
    if not kinds:
        return {}
    for _ in range(SEARCH_DRAWS):
        path_params = {param: draw(kind, rng) for param, kind in kinds.items()}
        if answers(endpoint, path_params):
            return path_params
    return None


def example(endpoint: Endpoint) -> dict[str, str] | None:
    """Return the path parameters the route's search finds first from seed 0: the same on every run."""
    return search(endpoint, random.Random(f"{endpoint.name}:0"))
