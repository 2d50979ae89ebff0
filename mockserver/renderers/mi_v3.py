"""The Ministère de l'Intérieur's RNA routes of v3 (an association, its documents), deprecated but routed.

Both read the same RNA record and deposits as v2's ``associations`` and
``documents_associations`` (``world.association``, ``world.association_file``): v3
writes the state as a boolean and gives the SIRET asked for apart from the head office's.
"""

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.renderers.current import collection, document_url, resource
from mockserver.renderers.rna_v2 import rna_address
from mockserver.rules.errors import ApiError
from mockserver.rules.identifiers import is_siret
from mockserver.rules.scenarios import DISSOLVED_ASSOCIATION


def association(call: Call) -> Reply:
    """Render an association's RNA record; a SIRET of anything but an association is a 404."""
    identifier = call.path_params["siret_or_rna"]
    record = world.association_at(identifier, call.today)
    if record is None:
        raise ApiError("not_found")
    if call.scenario == DISSOLVED_ASSOCIATION:
        record = world.dissolved(record, call.today)
    return resource(
        {
            "rna_id": record.rna_id,
            "titre": record.titre,
            "objet": record.objet,
            "siret": identifier if is_siret(identifier) else None,
            "siret_siege_social": record.siret,
            "date_creation": record.created_on.isoformat(),
            "date_declaration": record.declared_on.isoformat(),
            "date_publication": record.published_on.isoformat() if record.published_on else None,
            "date_dissolution": record.dissolved_on.isoformat() if record.dissolved_on else None,
            "adresse_siege": rna_address(record.address),
            "etat": record.dissolved_on is None,
            "groupement": record.groupement,
            "mise_a_jour": record.updated_on.isoformat(),
        }
    )


def documents(call: Call) -> Reply:
    """Render an association's RNA deposits, each a PDF in the sandbox's storage."""
    identifier = call.path_params["siret_or_rna"]
    file = world.association_file(identifier)
    # siade MI::Associations::Documents::ValidateResponse: an association without a deposit is a 404.
    deposited = file.deposited_by(call.today) if file else []
    if not deposited:
        raise ApiError("not_found")
    items = [
        {
            "timestamp": str(deposit.timestamp),
            "type": deposit.kind,
            "url": document_url(call, "document_asso", identifier, str(rank)),
            "expires_in": call.documents.ttl_seconds,
            "errors": [],
        }
        for rank, deposit in deposited
    ]
    # Production counts no deficient document (siade MI::Associations::Documents::BuildResourceCollection).
    return collection(items, meta={"nombre_documents": len(items), "nombre_documents_deficients": 0})
