"""``GET /v4/djepva/api-association/associations/{siren_or_rna}`` and its ``/open_data/`` twin (CONTRACT §4 rows 4-5).

The DJEPVA's API Association joins the RNA record (``world.association``), the SIRENE unit
and its head office, and the RNA deposits (``world.association_file``), whose PDFs
are the ones v2's ``documents_associations`` links. A SIREN names an association of any
legal form, Alsace-Moselle's included (they have no RNA number); an RNA number names one
the RNA knows. The open-data twin leaves out the legal representatives (people), the
deposits and the affiliations, as the official open-data schema does.
"""

from datetime import timedelta

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.renderers.current import document_url, resource
from mockserver.renderers.rna_v2 import rna_address
from mockserver.rules import scenarios
from mockserver.rules.errors import ApiError
from mockserver.rules.identifiers import is_rna
from mockserver.world import insee, rna
from mockserver.world import nomenclatures as nom
from mockserver.world.entities import Association, Company, Director

# The RNA's kind of each deposit: (type, sous-type code, sous-type label).
DOCUMENT_KINDS = {
    "Statuts": ("Pièce", "STC", "Statuts"),
    "Liste des dirigeants": ("Pièce", "LDC", "Liste dirigeants"),
    "Procès verbal": ("Pièce", "PV", "Procès verbal"),
    "Récépissé de modification": ("Récipicé", "MD", "Récépissé de modification"),
    rna.DISSOLUTION_RECEIPT: ("Récipicé", "RCC", "Récépissé délivré"),
}
# The court keeping the register of a local-law association, by department.
LOCAL_COURTS = {
    "57": "Tribunal d'instance de Metz",
    "67": "Tribunal d'instance de Strasbourg",
    "68": "Tribunal d'instance de Mulhouse",
}
PUBLIC_UTILITY = "9230"
# The civic engagement account is open to associations of three years or more.
CEC_AGE = timedelta(days=3 * 365)
CEC_TOO_YOUNG = "L’association n’a pas trois ans d’existence"
CIVILITIES = {"M": "Monsieur", "F": "Madame"}
FUNCTION_LABELS = {"PRESIDENT": "Président", "TRESORIER": "Trésorier"}


def _band(company: Company) -> dict:
    """Return the unit's headcount band: code and label."""
    return {"code": company.headcount_band, "libelle": nom.HEADCOUNT_BANDS[company.headcount_band][2]}


def _activity(company: Company) -> dict:
    """Return the unit's activity, its code dotted as INSEE's current records write it."""
    return {"code": f"{company.naf[:2]}.{company.naf[2:]}", "libelle": company.naf_label}


def _representative(director: Director) -> dict:
    """Return a legal representative as the association declared them."""
    person = director.person
    return {
        "civilite": CIVILITIES[insee.sex(person)],
        "nom": person.nom,
        "prenom": person.prenom,
        "fonction": FUNCTION_LABELS.get(director.fonction, director.fonction.capitalize()),
        "valideur_cec": director.fonction == "PRESIDENT",
        "publication_internet": False,
        "telephone": None,
        "courriel": None,
    }


def _establishment(company: Company, open_data: bool) -> dict:
    """Return the unit's head office as SIRENE and the association's declarations show it."""
    site = {
        "siren": company.siren,
        "siret": company.siege_siret,
        "actif": company.is_active,
        "siege": True,
        "nom": company.raison_sociale,
        "telephone": None,
        "courriel": None,
        "date_debut_activite": company.created_on.isoformat(),
        "adresse": rna_address(company.address),
        "activite_principale": _activity(company),
        "tranche_effectif": _band(company),
        "rhs": [],
        "comptes": [],
    }
    if not open_data:
        site["representants_legaux"] = [_representative(d) for d in company.directors if d.person]
        site["documents_dac"] = []
    return site


def _documents(call: Call, record: Association | None) -> list[dict]:
    """Return the RNA deposits of an association, each with the URL v2 gives it."""
    file = world.association_file(record.rna_id) if record else None
    if file is None or call.scenario == scenarios.ASSOCIATION_WITHOUT_DOCUMENTS:
        return []
    documents = []
    for rank, deposit in enumerate(file.documents):
        kind, code, label = DOCUMENT_KINDS[deposit.kind]
        documents.append(
            {
                "type": kind,
                "sous_type": {"code": code, "libelle": label},
                "date_depot": deposit.deposited_on.isoformat(),
                "annee_depot": str(deposit.deposited_on.year),
                "url": document_url(call, "document_asso", record.rna_id, str(rank)),
            }
        )
    return documents


def _alsace_moselle(company: Company | None) -> dict:
    """Return the local-law register entry: the court of the seat; volume and folio read from the SIREN."""
    if company is None or company.legal_form != nom.LOCAL_LAW_ASSOCIATION:
        return dict.fromkeys(("tribunal_instance", "volume", "folio", "date_publication_registre_association"))
    return {
        "tribunal_instance": LOCAL_COURTS[company.address.code_insee[:2]],
        "volume": company.siren[:3],
        "folio": company.siren[3:6],
        "date_publication_registre_association": company.created_on.isoformat(),
    }


def _lookup(identifier: str) -> tuple[Company | None, Association | None]:
    """Return the unit and the RNA record an identifier names, or raise 404 for anything but an association."""
    if is_rna(identifier):
        record = world.association(identifier)
        return (record.company if record else None), record
    company = world.company(identifier)
    if company.legal_form not in nom.ASSOCIATION_FORMS:
        raise ApiError("not_found")
    return company, world.association(company.siege_siret)


def association(call: Call, open_data: bool) -> Reply:
    """Render one association: the RNA record, the SIRENE unit, the deposits."""
    company, record = _lookup(call.path_params["siren_or_rna"])
    if record and call.scenario == scenarios.DISSOLVED_ASSOCIATION:
        record = world.dissolved(record)
    created = record.created_on if record else company.created_on
    dissolved = record.dissolved_on if record else company.ceased_on
    address = rna_address(record.address if record else company.address)
    eligible = world.WORLD_DATE - created >= CEC_AGE
    activity = {**_activity(company), "annee": str(company.created_on.year)} if company else None
    band = {**_band(company), "annee": str(company.headcount_year)} if company else None
    empty = {"code": None, "libelle": None}
    data = {
        "rna": record.rna_id if record else None,
        "ancien_id": None,
        "siren": company.siren if company else None,
        "nom": record.titre if record else company.raison_sociale,
        "active": dissolved is None,
        "sigle": None,
        "reconnue_utilite_publique": bool(company and company.legal_form == PUBLIC_UTILITY),
        "siret_siege": company.siege_siret if company else None,
        "forme_juridique": {
            "code": company.legal_form if company else nom.ASSOCIATION,
            "libelle": company.legal_form_label if company else nom.LEGAL_FORMS[nom.ASSOCIATION],
        },
        "regime": "Alsace-Moselle" if company and company.legal_form == nom.LOCAL_LAW_ASSOCIATION else "Loi 1901",
        "groupement": "Simple",
        "eligibilite_cec": eligible,
        "raison_non_eligibilite_cec": None if eligible else CEC_TOO_YOUNG,
        "impots_commerciaux": False,
        "date_creation": created.isoformat(),
        "date_dissolution": dissolved.isoformat() if dissolved else None,
        "date_publication_reconnue_utilite_publique": (
            record.published_on.isoformat() if record and company and company.legal_form == PUBLIC_UTILITY else None
        ),
        "date_publication_journal_officiel": record.published_on.isoformat() if record else None,
        "adresse_siege": address,
        "adresse_gestion": address,
        "alsace_moselle": _alsace_moselle(company),
        "composition_reseau": [],
        "agrements": [],
        "activites": {
            "objet": record.objet if record else None,
            "objet_social1": empty,
            "objet_social2": empty,
            "champ_action_territorial": None,
            "activite_principale": activity or {**empty, "annee": None},
            "tranche_effectif": band or {**empty, "annee": None},
            # Associations belong to the social and solidarity economy by law.
            "economie_sociale_et_solidaire": True,
            "date_appartenance_ess": None,
        },
        "etablissements": [_establishment(company, open_data)] if company else [],
    }
    if not open_data:
        data |= {"reseaux_affiliation": [], "documents_rna": _documents(call, record)}
    meta = {
        "internal_id": record.rna_id if record else company.siren,
        "date_derniere_mise_a_jour_sirene": company.updated_on.isoformat() if company else None,
        "date_derniere_mise_a_jour_rna": record.updated_on.isoformat() if record else None,
    }
    return resource(data, meta=meta)
