"""``GET /v3/insee/sirene/etablissements/{siret}/successions``: INSEE's succession links of a site.

The predecessors and successors of ``world.succession_links``: establishments of the world
whose own answer shows the same link from the other end, once the succession happened. A site with no
link is a 404.
"""

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.renderers.current import resource
from mockserver.rules.errors import ApiError
from mockserver.rules.scenarios import KNOWN_BY_PROVIDER
from mockserver.world.successions import Succession


def _link(siret: str, link: Succession) -> dict:
    """Return one link, naming the other end of it."""
    return {
        "siret": siret,
        "date_succession": link.day.isoformat(),
        "transfert_siege": link.head_office_moved,
        "continuite_economique": link.economic_continuity,
    }


def successions(call: Call) -> Reply:
    """Render the site's predecessors and successors."""
    predecessors, successors = world.succession_links(
        call.path_params["siret"], call.today, forced=call.scenario == KNOWN_BY_PROVIDER
    )
    if not predecessors and not successors:
        raise ApiError("not_found")
    return resource(
        {
            "predecesseurs": [_link(link.predecessor, link) for link in predecessors],
            "successeurs": [_link(link.successor, link) for link in successors],
        }
    )
