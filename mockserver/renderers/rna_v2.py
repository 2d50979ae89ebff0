"""``GET /v2/associations/{id}``: an association's RNA record, by SIRET or RNA number (CONTRACT §2.4)."""

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.rules import scenarios
from mockserver.rules.errors import ApiError
from mockserver.world.entities import Address, Association


def rna_address(address: Address) -> dict:
    """Return an address as the RNA records it."""
    return {
        "complement": address.complement,
        "numero_voie": address.numero_voie,
        "type_voie": address.type_voie,
        "libelle_voie": address.nom_voie,
        "distribution": address.distribution_speciale,
        "code_insee": address.code_insee,
        "code_postal": address.code_postal,
        # The RNA spells communes in lower case, as they were typed at the prefecture.
        "commune": address.city.title(),
    }


def association_object(record: Association) -> dict:
    """Return the v2 ``association`` object of an RNA record."""
    address = record.address
    return {
        "id": record.rna_id,
        "titre": record.titre,
        "objet": record.objet,
        "siret": record.siret,
        "siret_siege_social": record.siret,
        "date_creation": record.created_on.isoformat(),
        "date_declaration": record.declared_on.isoformat(),
        "date_publication": record.published_on.isoformat() if record.published_on else None,
        "date_dissolution": record.dissolved_on.isoformat() if record.dissolved_on else None,
        "adresse_siege": rna_address(address),
        "code_civilite_dirigeant": None,
        "civilite_dirigeant": None,
        "code_etat": None,
        # The RNA's state is a string: "true" while the association is active.
        "etat": "false" if record.dissolved_on else "true",
        "code_groupement": None,
        "groupement": record.groupement,
        "mise_a_jour": record.updated_on.isoformat(),
    }


def association(call: Call) -> Reply:
    """Render an association; a SIRET of anything but an association is unknown to the RNA."""
    record = world.association_at(call.path_params["id"], call.today)
    if record is None:
        raise ApiError("not_found")
    if call.scenario == scenarios.DISSOLVED_ASSOCIATION:
        record = world.dissolved(record, call.today)
    return Reply({"association": association_object(record)})
