"""``GET /v3/cibtp/etablissements/{siret}/attestation_cotisations_conges_payes_chomage_intemperies``.

The CIBTP fund's attestation of a building site (``world.cibtp_attestation``), a PDF in the
sandbox's storage named ``certificat_cibtp`` and kept ten minutes, as production's; public works
(the CNETP's) and other trades are a 404, and so is a site behind with its contributions, in the
CIBTP's own words (subcode 422, production's ``CIBTPMissingPaymentsError``).
"""

from mockserver import world
from mockserver.documents import KNOWN
from mockserver.renderers.call import Call, Reply
from mockserver.renderers.current import document_url, resource
from mockserver.rules.errors import ApiError
from mockserver.rules.scenarios import KNOWN_BY_PROVIDER


def attestation(call: Call) -> Reply:
    """Render the URL of the site's attestation."""
    siret = call.path_params["siret"]
    forced = call.scenario == KNOWN_BY_PROVIDER
    if world.cibtp_attestation(siret, forced=forced) is None:
        raise ApiError("cibtp_missing_payments" if world.cibtp_behind(siret) else "not_found")
    url = document_url(call, "certificat_cibtp", siret, KNOWN if forced else "")
    return resource({"document_url": url, "expires_in": call.documents.lifetime("certificat_cibtp")})
