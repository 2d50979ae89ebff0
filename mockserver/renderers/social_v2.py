"""Social-security v2 routes: AGEFIPH, MSA, PRO BTP eligibility, collective agreements.

CONTRACT §2.14, §2.15, §2.16 and §2.7. Each body answers only for its own population (404
otherwise); the business outcomes a client must handle are scenarios: MSA not up to date or
analysing, PRO BTP not eligible, AGEFIPH never compliant (a 404, as the real route gives
when the file holds no compliant year).
"""

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.rules import scenarios
from mockserver.rules.errors import ApiError
from mockserver.world import social_tables as tables
from mockserver.world.social import AGEFIPH_DUMPED_AT

PROBTP_ELIGIBLE = "00 Compte éligible pour attestation de cotisation"
PROBTP_NOT_ELIGIBLE = "01 Compte non éligible pour attestation de cotisation"


def agefiph(call: Call) -> Reply:
    """Render the last year the employer met its disabled-workers quota, and the file's dump date."""
    record = world.agefiph_record(call.path_params["siret"], call.today)
    if call.scenario == scenarios.AGEFIPH_NEVER_COMPLIANT or record is None:
        raise ApiError("not_found")
    return Reply(
        {
            "derniere_annee_de_conformite_connue": str(record.last_compliant_year),
            "dump_date": int(AGEFIPH_DUMPED_AT.timestamp()),
        }
    )


def cotisations_msa(call: Call) -> Reply:
    """Render the MSA standing: up to date or not, or unknown (``a_jour: null``) while an agent analyses it."""
    if call.scenario == scenarios.MSA_ANALYSIS_IN_PROGRESS:
        return Reply({"analyse_en_cours": True, "a_jour": None})
    if call.scenario in (scenarios.MSA_NOT_UP_TO_DATE, scenarios.MSA_UP_TO_DATE):
        return Reply({"analyse_en_cours": False, "a_jour": call.scenario == scenarios.MSA_UP_TO_DATE})
    standing = world.msa_standing(call.path_params["siret"])
    if standing is None:
        raise ApiError("not_found")
    return Reply({"analyse_en_cours": False, "a_jour": standing.up_to_date})


def eligibilite_probtp(call: Call) -> Reply:
    """Render whether PRO BTP can deliver a retirement-contribution certificate for the establishment."""
    if call.scenario == scenarios.PROBTP_NOT_ELIGIBLE:
        return Reply({"eligible": False, "message": PROBTP_NOT_ELIGIBLE})
    account = world.probtp_account(call.path_params["siret"], call.today)
    if account is None:
        raise ApiError("not_found")
    return Reply(
        {"eligible": account.eligible, "message": PROBTP_ELIGIBLE if account.eligible else PROBTP_NOT_ELIGIBLE}
    )


def conventions_collectives(call: Call) -> Reply:
    """Render the collective agreements of the establishment; none at all is a 404, as on the real route."""
    siret = call.path_params["siret"]
    numbers = world.collective_agreements(siret, call.today)
    if not numbers:
        raise ApiError("not_found")
    conventions = []
    for number in numbers:
        short_title, title, published, state = tables.CONVENTIONS[number]
        conventions.append(
            {
                "active": True,
                "date_publication": f"{published}T00:00:00.000Z",
                "etat": state,
                "numero": number,
                "titre_court": short_title,
                "titre": title,
                "url": tables.convention_url(number),
            }
        )
    return Reply({"siret": siret, "conventions": conventions})
