"""``GET /v3/data_subvention/associations/{siren_or_siret_or_rna}/subventions``: an association's grants.

One item per grant request of ``world.grants``, with the Chorus payments that followed. The
association is the one the RNA and DJEPVA routes show for the same identifier; one that
never asked for a grant, or any unit that is no association, is a 404.
"""

from datetime import date, datetime

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.renderers.current import collection
from mockserver.rules.errors import ApiError
from mockserver.rules.scenarios import KNOWN_BY_PROVIDER
from mockserver.world.data_subvention import GrantRequest

REQUESTS_SOURCE = "OSIRIS"
PAYMENTS_SOURCE = "Chorus"
PROGRAMMES_SOURCE = "Data Bretagne"


def _instant(value: date | datetime | None) -> str | None:
    """Return a day or an instant as the API writes them: midnight UTC, with milliseconds."""
    if value is None:
        return None
    return f"{value.isoformat()[:10]}T00:00:00.000Z"


def _grant(grant: GrantRequest) -> dict:
    """Return one grant request and its payments."""
    updated = _instant(grant.updated_at)
    payments = [
        {
            "fournisseur": PAYMENTS_SOURCE,
            "date_mise_a_jour_information": _instant(payment.paid_on),
            "jointure_demandes_et_versements": grant.legal_commitment,
            "montant_verse": payment.amount,
            "date_versement": _instant(payment.paid_on),
            "centre_financier": payment.financial_centre,
            "domaine_fonctionnel": payment.functional_area,
            "activitee": payment.activity,
            "numero_bop": grant.programme[0],
            "programme": {
                "numero": grant.programme[0],
                "libelle": grant.programme[1],
                "fournisseur": PROGRAMMES_SOURCE,
                "date_mise_a_jour_information": updated,
            },
        }
        for payment in grant.payments
    ]
    projects = [
        {
            "rang": rank,
            "intitule": title,
            "objectifs": goal,
            "objectifs_operationnels": operational,
            "description": grant.project_descriptions[rank - 1]
            if grant.project_descriptions
            else f"{title} : {goal.lower()}.",
            "aide": {"nature": grant.aid_nature, "modalite": "Aide au projet"},
            "modalite_ou_dispositif": grant.project_schemes[rank - 1] if grant.project_schemes else grant.sub_scheme,
            "indicateurs": indicators,
            "cofinanceurs": grant.cofunders,
        }
        for rank, ((title, goal, operational), indicators) in enumerate(
            zip(grant.projects, grant.indicators, strict=True), 1
        )
    ]
    return {
        "demande_subvention": {
            "fournisseur": REQUESTS_SOURCE,
            "date_mise_a_jour_information": updated,
            "annee_exercice_demande": grant.year,
            "identifiant_engagement_juridique": grant.legal_commitment,
            "jointure_demandes_et_versements": grant.legal_commitment,
            "subvention_demandee": {
                "dispositif": grant.scheme,
                "sous_dispositif": grant.sub_scheme,
                "montant_demande": grant.asked,
            },
            "description_des_projets": {"estimation_cout_total": grant.total_cost, "projet": projects},
            "instruction": {
                "service_instructeur": grant.service,
                "date_commission": _instant(grant.committee_on),
                "statut_demande": grant.status,
                "montant_accorde": grant.granted,
            },
        },
        "paiements": payments,
    }


def subventions(call: Call) -> Reply:
    """Render the association's grant requests, oldest first."""
    grants = world.grants(
        call.path_params["siren_or_siret_or_rna"], call.today, forced=call.scenario == KNOWN_BY_PROVIDER
    )
    if not grants:
        raise ApiError("not_found")
    return collection([_grant(grant) for grant in grants])
