"""``GET /v2/certificats_agence_bio/{siret}``: the Agence Bio's directory entry of an organic operator.

The entry of ``world.organic_operator`` as a one-item list, as the directory answered; a
site that is no organic operator is a 404.
"""

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.rules.errors import ApiError

HEAD_OFFICE = "siège social"


def _day(value) -> str | None:
    """Return a day in ISO, or None."""
    return value.isoformat() if value else None


def certificats(call: Call) -> Reply:
    """Render the operator's entry."""
    siret = call.path_params["siret"]
    operator = world.organic_operator(siret, call.today)
    if operator is None:
        raise ApiError("not_found")
    address = operator.site.address
    latitude, longitude = operator.coordinates
    entry = {
        "siret": siret,
        "numero_bio": operator.numero_bio,
        "date_derniere_mise_a_jour": operator.updated_on.isoformat(),
        "reseau": "",
        "categories": list(operator.categories),
        "activites": list(operator.categories),
        "adresses_operateurs": [
            {
                "lieu": address.street_line,
                "code_postal": address.code_postal,
                "ville": address.city,
                "lat": latitude,
                "long": longitude,
                "type": [HEAD_OFFICE] if operator.site.is_siege else ["établissement"],
            }
        ],
        "productions": [{"code": code, "nom": name} for code, name in operator.productions],
        "certificats": [
            {
                "organisme": operator.body,
                "date_engagement": operator.committed_on.isoformat(),
                "date_suspension": _day(operator.suspended_on),
                "date_arret": _day(operator.stopped_on),
                "etat_certification": operator.status,
                "url": operator.certificate_url,
            }
        ],
    }
    return Reply([entry])
