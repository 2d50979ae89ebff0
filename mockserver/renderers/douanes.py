"""The customs' EORI register: ``/v3/douanes/.../immatriculations_eori`` and v2's ``eori_douanes``.

A trader is found by its head office's SIRET or by its EORI number ("FR" + that SIRET); a
firm that neither imports nor exports, a secondary site, or another member state's number
is unknown to the French register: 404, as production answers.
"""

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.renderers.current import resource
from mockserver.rules.errors import ApiError
from mockserver.rules.scenarios import KNOWN_BY_PROVIDER
from mockserver.world.douanes import EoriRecord


def _record(call: Call) -> EoriRecord:
    """Return the registration asked for, or raise the register's 404."""
    record = world.eori_record(call.path_params["siret_or_eori"], call.today, forced=call.scenario == KNOWN_BY_PROVIDER)
    if record is None:
        raise ApiError("not_found")
    return record


def trader_name(record: EoriRecord) -> str:
    """Return the trader's name in the register: as registered, else a sole trader's own name, else the company's."""
    if record.registered_as:
        return record.registered_as.name
    person = record.company.person
    return f"{person.nom} {' '.join(person.prenoms)}" if person else record.company.raison_sociale


def _fields(record: EoriRecord) -> dict:
    """Return the fields both versions share."""
    address = record.company.address
    if registered := record.registered_as:
        return {
            "actif": record.company.is_active,
            "code_pays": "FR",
            "code_postal": registered.postal_code,
            "pays": registered.country,
            "rue": registered.street,
            "ville": registered.city,
        }
    return {
        "actif": record.company.is_active,
        "code_pays": "FR",
        "code_postal": address.code_postal,
        "pays": "FRANCE",
        "rue": record.street,
        "ville": address.city,
    }


def immatriculation_eori(call: Call) -> Reply:
    """Render the v3 registration: ``id`` is the EORI number, ``libelle`` the trader's name."""
    record = _record(call)
    return resource({"id": record.number, "libelle": trader_name(record), **_fields(record)})


def eori_douanes(call: Call) -> Reply:
    """Render the v2 registration, named ``numero_eori`` and ``raison_sociale``."""
    record = _record(call)
    return Reply({"numero_eori": record.number, "raison_sociale": trader_name(record), **_fields(record)})
