"""v3/v4 attestations: DGFIP, URSSAF, MSA, PRO BTP, FNTP, CNETP (CONTRACT §4 rows 12-18).

Each reads the provider's view of the entity from ``world`` or ``world`` as the v2
twin does, so a SIREN gets the same document behind both URLs. An entity the provider does
not know is a 404 with the route's provider code. v4 adds what v3 only showed in the PDF:
the DGFIP's dates, the URSSAF's validity, security code and decision (``entity_status``).
"""

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.renderers.current import document, resource
from mockserver.rules import scenarios
from mockserver.rules.errors import ApiError
from mockserver.world import attestations

# The URSSAF's decision, in its words (v4 ``entity_status``).
URSSAF_DELIVERED = {
    "code": "ok",
    "libelle": "Attestation délivrée par l'Urssaf",
    "description": "La délivrance de l'attestation de vigilance a été validée par l'Urssaf. L'attestation est "
    "délivrée lorsque l'entité est à jour de ses cotisations et contributions, ou bien dans le cas de situations "
    "spécifiques détaillées dans la documentation métier.",
}
URSSAF_REFUSED = {
    "code": "refus_de_delivrance",
    "libelle": "Délivrance de l'attestation refusée par l'Urssaf",
    "description": "La délivrance de l'attestation de vigilance a été refusée par l'Urssaf car l'entité n'est pas "
    "à jour de ses cotisations sociales.",
}
MSA_STATUS = {True: "up_to_date", False: "outdated"}


def _known(known: bool) -> None:
    """Raise the provider's 404 for an entity it does not know."""
    if not known:
        raise ApiError("not_found")


def attestation_fiscale(call: Call, version: str) -> Reply:
    """Render ``/v{3,4}/dgfip/unites_legales/{siren}/attestation_fiscale``."""
    siren = call.path_params["siren"]
    _known(world.tax_attestation(siren, call.today) is not None)
    data = document(call, version, "attestation_fiscale_dgfip", siren)
    if version == "v4":
        data |= {
            "date_delivrance_attestation": call.today.isoformat(),
            "date_periode_analysee": attestations.situation_on(call.today).isoformat(),
        }
    return resource(data)


def attestation_vigilance(call: Call, version: str) -> Reply:
    """Render ``/v{3,4}/urssaf/unites_legales/{siren}/attestation_vigilance``; v4 says why one is refused."""
    siren = call.path_params["siren"]
    attestation = world.vigilance_attestation(siren, call.today)
    _known(attestation is not None)
    if version == "v3":
        return resource(document(call, version, "attestation_vigilance_acoss", siren))
    if call.scenario == scenarios.URSSAF_REFUSAL:
        return resource(
            {
                "entity_status": URSSAF_REFUSED,
                "date_debut_validite": None,
                "date_fin_validite": None,
                "code_securite": None,
                "document_url": None,
                "document_url_expires_in": None,
            }
        )
    return resource(
        {
            "entity_status": URSSAF_DELIVERED,
            "date_debut_validite": call.today.isoformat(),
            "date_fin_validite": attestation.valid_until.isoformat(),
            "code_securite": attestation.security_code,
            **document(call, version, "attestation_vigilance_acoss", siren),
        }
    )


def conformite_msa(call: Call) -> Reply:
    """Render ``/v3/msa/etablissements/{siret}/conformite_cotisations``."""
    if call.scenario == scenarios.MSA_ANALYSIS_IN_PROGRESS:
        return resource({"status": "under_investigation"})
    if call.scenario in (scenarios.MSA_NOT_UP_TO_DATE, scenarios.MSA_UP_TO_DATE):
        return resource({"status": MSA_STATUS[call.scenario == scenarios.MSA_UP_TO_DATE]})
    standing = world.msa_standing(call.path_params["siret"])
    _known(standing is not None)
    return resource({"status": MSA_STATUS[standing.up_to_date]})


def conformite_probtp(call: Call) -> Reply:
    """Render ``/v3/probtp/etablissements/{siret}/conformite_cotisations_retraite``."""
    if call.scenario == scenarios.PROBTP_NOT_ELIGIBLE:
        return resource({"eligible": False})
    account = world.probtp_account(call.path_params["siret"], call.today)
    _known(account is not None)
    return resource({"eligible": account.eligible})


def attestation_probtp(call: Call) -> Reply:
    """Render ``/v3/probtp/etablissements/{siret}/attestation_cotisations_retraite``."""
    siret = call.path_params["siret"]
    _known(world.probtp_attestation(siret, call.today) is not None)
    return resource(document(call, "v3", "attestation_cotisation_retraite_probtp", siret))


def carte_fntp(call: Call) -> Reply:
    """Render ``/v3/fntp/unites_legales/{siren}/carte_professionnelle_travaux_publics``."""
    siren = call.path_params["siren"]
    _known(world.professional_card(siren, call.today) is not None)
    return resource(document(call, "v3", "carte_professionnelle_fntp", siren))


def attestation_cnetp(call: Call) -> Reply:
    """Render ``/v3/cnetp/unites_legales/{siren}/attestation_cotisations_conges_payes_chomage_intemperies``."""
    siren = call.path_params["siren"]
    _known(world.cnetp_certificate(siren, call.today) is not None)
    return resource(document(call, "v3", "certificat_cnetp", siren))
