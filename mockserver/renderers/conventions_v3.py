"""``GET /v3/fabrique_numerique_ministeres_sociaux/etablissements/{siret}/conventions_collectives`` (CONTRACT §4).

The agreements of ``world.collective_agreements``, as v2 lists them, each in its own
envelope; v3 adds the agreement's kind and Légifrance container id, and gives the IDCC as
a number and the state in lower case.
"""

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.renderers.current import collection
from mockserver.rules.errors import ApiError
from mockserver.world import social_tables as tables

STATES = {"VIGUEUR_ETEN": "vigueur_etendue", "VIGUEUR": "vigueur"}


def _container_id(number: int) -> str:
    """Return the Légifrance id of an agreement's text container: the real one where known, else after its IDCC."""
    return tables.KALI_CONTAINERS.get(number, f"KALICONT{number:012d}")


def conventions_collectives(call: Call) -> Reply:
    """Render the collective agreements of the establishment; none at all is a 404."""
    numbers = world.collective_agreements(call.path_params["siret"], call.today)
    if not numbers:
        raise ApiError("not_found")
    items = []
    for number in numbers:
        short_title, title, published, state = tables.CONVENTIONS[number]
        items.append(
            {
                "type": "convention_collective",
                "titre": title,
                "titre_court": short_title,
                "numero_idcc": number,
                "active": True,
                "etat": STATES[state],
                "synonymes": list(tables.SYNONYMS.get(number, ())),
                "url": tables.convention_url(number),
                "date_publication": published,
            }
        )
    return collection(items, item_metas=[{"internal_id": _container_id(number)} for number in numbers])
