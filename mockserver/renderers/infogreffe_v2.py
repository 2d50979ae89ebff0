"""``GET /v2/extraits_rcs_infogreffe/{siren}``: the company's RCS file (CONTRACT §2.3)."""

from datetime import date

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.rules.errors import ApiError
from mockserver.world import nomenclatures as nom
from mockserver.world.entities import paris_timestamp
from mockserver.world.randomness import upper_ascii


def _extract_date(day: date) -> str:
    """Return a date as the extract prints it, in capitals without accents: "30 JUIN 2025"."""
    return f"{day.day} {upper_ascii(nom.MONTHS[day.month - 1])} {day.year}"


def extrait_rcs(call: Call) -> Reply:
    """Render the RCS extract; the RCS knows neither associations nor craftsmen and liberal professions."""
    siren = call.path_params["siren"]
    entry = world.registration_at(siren, call.today)
    if entry is None:
        raise ApiError("not_found")
    return Reply(
        {
            "siren": siren,
            "date_immatriculation": entry.registered_on.isoformat(),
            "date_immatriculation_timestamp": paris_timestamp(entry.registered_on),
            # The extract is drawn up on the day it is asked for: the day of the world's instant.
            "date_extrait": _extract_date(call.today),
            "observations": [
                {
                    "date": observation.day.isoformat(),
                    "date_timestamp": paris_timestamp(observation.day),
                    "numero": observation.numero,
                    "libelle": observation.libelle,
                }
                for observation in entry.observations
            ],
        }
    )
