"""The CMA's Répertoire national des métiers, in v3 and in v2 (``entreprises_artisanales_cma``).

Both read ``world.craft_entry``: a business the RNM does not enter (not a craft, or run in a
form no craftsman uses) is a 404. v3 keeps two facts of the entry; v2 gave the whole of it,
dates as noon UTC timestamps as the RNM exported them.
"""

from datetime import date

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.renderers.current import resource
from mockserver.rules.errors import ApiError
from mockserver.rules.scenarios import KNOWN_BY_PROVIDER
from mockserver.world import insee
from mockserver.world import nomenclatures as nom
from mockserver.world.rnm import CraftEntry

# Region code -> the region's name as the RNM writes it.
REGION_NAMES = {
    "11": "ILE-DE-FRANCE",
    "24": "CENTRE-VAL DE LOIRE",
    "27": "BOURGOGNE-FRANCHE-COMTE",
    "28": "NORMANDIE",
    "32": "HAUTS-DE-FRANCE",
    "44": "GRAND EST",
    "52": "PAYS DE LA LOIRE",
    "53": "BRETAGNE",
    "75": "NOUVELLE-AQUITAINE",
    "76": "OCCITANIE",
    "84": "AUVERGNE-RHONE-ALPES",
    "93": "PROVENCE-ALPES-COTE D'AZUR",
}


def _entry(call: Call) -> CraftEntry:
    """Return the RNM entry of the SIREN asked for, or raise its 404."""
    entry = world.craft_entry(call.path_params["siren"], call.today, forced=call.scenario == KNOWN_BY_PROVIDER)
    if entry is None:
        raise ApiError("not_found")
    return entry


def rnm(call: Call) -> Reply:
    """Render ``/v3/cma_france/rnm/unites_legales/{siren}``."""
    entry = _entry(call)
    return resource({"modalite_exercice": entry.modalite_exercice, "non_sedentaire": str(int(entry.non_sedentaire))})


def _denomination(entry: CraftEntry) -> str:
    """Return the name the RNM enters: a sole trader's name and first name, else the company's name."""
    person = entry.company.person
    return f"{person.nom} {person.prenom.title()}" if person else entry.company.raison_sociale


def _timestamp(day: date | None) -> str | None:
    """Return a day as the RNM's export wrote it: noon UTC."""
    return f"{day.isoformat()}T12:00:00Z" if day else None


def entreprise_artisanale(call: Call) -> Reply:
    """Render ``/v2/entreprises_artisanales_cma/{siren}``."""
    entry = _entry(call)
    company = entry.company
    person = entry.craftsman
    address = company.address
    first_names = (*person.prenoms, None, None, None)[:3] if person else (None, None, None)
    secondary = (*entry.secondary_nafa, None, None, None)[:3]
    eirl = entry.eirl
    return Reply(
        {
            "entreprise": {
                "siren": company.siren,
                "denomination_sociale": _denomination(entry),
                "sigle": insee.sigle(company),
                "categorie_personne": "PP" if company.is_personne_physique else "PM",
                "forme_juridique_id": None if company.is_personne_physique else company.legal_form,
                "forme_juridique_label": company.legal_form_label,
                "effectif_salarie": entry.staff,
                "effectif_apprenti": entry.apprentices,
                "etablissement_origine_id": entry.origin,
                "modalite_exercice": entry.modalite_exercice,
                "non_sedentaire": int(entry.non_sedentaire),
                "code_cfe": entry.code_cfe,
                "declaration_procedures": entry.procedures,
                "activite_artisanales_declarees": entry.nafa_label.upper(),
                "code_norme_activite_entreprises": company.naf,
                "code_nafa_principal": entry.nafa,
                "code_nafa_libelle": entry.nafa_label,
                "code_nafa_secondaire1": secondary[0],
                "code_nafa_secondaire2": secondary[1],
                "code_nafa_secondaire3": secondary[2],
                "secteur_activite_intitule_nar_4": entry.sector_nar4,
                "secteur_activite_intitule_nar_20": entry.sector_nar20,
                "dirigeant_qualification": entry.qualification,
                "dirigeant_nom_de_naissance": person.nom if person else None,
                "dirigeant_nom_usage": entry.usage_name,
                "dirigeant_prenom1": first_names[0],
                "dirigeant_prenom2": first_names[1],
                "dirigeant_prenom3": first_names[2],
                "dirigeant_pseudonyme": entry.pseudonym,
                "dirigeant_date_de_naissance": person.date_naissance.isoformat() if person else None,
                "dirigeant_lieu_de_naissance": entry.birthplace or None,
                "date_immatriculation": _timestamp(entry.registered_on),
                "date_radiation": _timestamp(company.ceased_on),
                "date_debut_activite": _timestamp(company.created_on),
                "date_cessation_activite": _timestamp(company.ceased_on),
                "date_cloture_liquidation": _timestamp(entry.liquidation_closed_on),
                "date_transfert_patrimoine": _timestamp(entry.estate_transferred_on),
                "date_dissolution": None if company.person else _timestamp(company.ceased_on),
                "adresse_numero_voie": int(address.numero_voie),
                "adresse_indice_repetition_voie": address.indice_repetition,
                "adresse_type_voie": nom.STREET_TYPES[address.type_voie],
                "adresse_libelle_voie": address.nom_voie,
                "adresse_complement": address.complement,
                "adresse_code_postal": address.code_postal,
                "adresse_commune": address.city,
                "adresse_commune_cog": address.code_insee,
                "adresse_departement": address.code_insee[:2],
                "adresse_region": REGION_NAMES[address.region_code],
                "libelle_epci": entry.libelle_epci,
                "eirl_id_registre": "1" if eirl else None,
                "eirl_denomination": eirl[0] if eirl else None,
                "eirl_objet_activite": eirl[1] if eirl else None,
                "eirl_date_depot": _timestamp(eirl[2]) if eirl else None,
                "rnm_id": entry.rnm_id,
                "rnm_numero_gestion": entry.numero_gestion,
                "rnm_date_import": f"{entry.imported_on.isoformat()}T09:09:25Z",
                "rnm_date_mise_a_jour": _timestamp(entry.updated_on),
            }
        }
    )
