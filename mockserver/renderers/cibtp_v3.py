"""``GET /v3/cibtp/etablissements/{siret}/attestation_cotisations_conges_payes_chomage_intemperies``.

The CIBTP fund's attestation of a building site (``world.cibtp_attestation``), a PDF in the
sandbox's storage; public works (the CNETP's), other trades and sites behind with their
contributions are a 404.
"""

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.renderers.current import document, resource
from mockserver.rules.errors import ApiError


def attestation(call: Call) -> Reply:
    """Render the URL of the site's attestation."""
    siret = call.path_params["siret"]
    if world.cibtp_attestation(siret) is None:
        raise ApiError("not_found")
    return resource(document(call, "v3", "attestation_cibtp", siret))
