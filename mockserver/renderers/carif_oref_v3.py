"""``GET /v3/carif_oref/etablissements/{siret}/certifications_qualiopi_france_competences``.

A training provider's declarations of activity with their Qualiopi mark, and its France
Compétences accreditations (``world.training_provider``); any other site is a 404.
"""

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.renderers.current import resource
from mockserver.rules.errors import ApiError
from mockserver.rules.scenarios import KNOWN_BY_PROVIDER
from mockserver.world.carif_oref import Accreditation, Declaration

SPECIALITY_SLOTS = 3


def _day(value) -> str | None:
    """Return a day in ISO, or None."""
    return value.isoformat() if value else None


def _declaration(declaration: Declaration) -> dict:
    """Return a declaration of activity, its Qualiopi mark and its (up to three) specialities."""
    qualiopi = declaration.qualiopi or (False, False, False, False)
    slots = (*declaration.specialities, *((None, None),) * SPECIALITY_SLOTS)[:SPECIALITY_SLOTS]
    return {
        "numero_de_declaration": declaration.numero,
        "actif": declaration.active,
        "date_derniere_declaration": declaration.declared_on.isoformat(),
        "date_debut_exercice": declaration.year_start.isoformat(),
        "date_fin_exercice": declaration.year_end.isoformat(),
        "certification_qualiopi": {
            "action_formation": qualiopi[0],
            "bilan_competences": qualiopi[1],
            "validation_acquis_experience": qualiopi[2],
            "apprentissage": qualiopi[3],
            "obtention_via_unite_legale": declaration.via_unite_legale,
        },
        "specialites": {
            f"specialite_{rank}": {"code": code, "libelle": label} for rank, (code, label) in enumerate(slots, 1)
        },
    }


def _accreditation(accreditation: Accreditation) -> dict:
    """Return a France Compétences accreditation."""
    return {
        "code": accreditation.code,
        "actif": accreditation.active,
        "date_actif": _day(accreditation.active_on),
        "date_fin_enregistrement": _day(accreditation.registered_until),
        "date_decision": _day(accreditation.decided_on),
        "habilitation_pour_former": accreditation.trains,
        "habilitation_pour_organiser_l_evaluation": accreditation.assesses,
        "sirets_organismes_certificateurs": list(accreditation.certifiers),
    }


def certifications(call: Call) -> Reply:
    """Render what the CARIF-OREF knows of a training site."""
    siret = call.path_params["siret"]
    provider = world.training_provider(siret, call.today, forced=call.scenario == KNOWN_BY_PROVIDER)
    if provider is None:
        raise ApiError("not_found")
    return resource(
        {
            "siret": siret,
            "code_uai": provider.code_uai,
            "unite_legale_avec_plusieurs_nda": provider.several_nda,
            "declarations_activites_etablissement": [_declaration(d) for d in provider.declarations],
            "habilitations_france_competence": [_accreditation(a) for a in provider.accreditations],
        }
    )
