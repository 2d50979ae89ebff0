"""``GET /v4/djepva/api-association/associations/{siren_or_rna}`` and its ``/open_data/`` twin (CONTRACT §4 rows 4-5).

The DJEPVA's API Association joins the RNA record (``world.association``), the SIRENE unit
and its head office, and the RNA deposits (``world.association_file``), whose PDFs
are the ones v2's ``documents_associations`` links. A SIREN names an association of any
legal form, Alsace-Moselle's included (they have no RNA number); an RNA number names one
the RNA knows. The open-data twin leaves out the legal representatives (people), the
deposits and the affiliations, as the official open-data schema does.
"""

from datetime import date, timedelta

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.renderers.current import document_url, resource
from mockserver.renderers.rna_v2 import rna_address
from mockserver.rules import scenarios
from mockserver.rules.errors import ApiError
from mockserver.rules.identifiers import is_rna, with_check_digit
from mockserver.world import insee, rna
from mockserver.world import nomenclatures as nom
from mockserver.world.association_life import (
    SOCIAL_OBJECTS,
    AccountsYear,
    Approval,
    Declarations,
    Partner,
    StaffYear,
    UploadedDocument,
)
from mockserver.world.entities import Association, Company, Director, Establishment

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
# Where Le Compte Asso keeps the documents an association uploaded (not served by the sandbox).
DAC_URL = "https://lecompteasso.associations.gouv.fr/documents/{id}"
FUNCTION_LABELS = {"PRESIDENT": "Président", "TRESORIER": "Trésorier"}


def _band(company: Company) -> dict:
    """Return the unit's headcount band: code and label."""
    return {"code": company.headcount_band, "libelle": nom.HEADCOUNT_BANDS[company.headcount_band][2]}


def _activity(company: Company) -> dict:
    """Return the unit's activity, its code dotted as INSEE's current records write it."""
    return {"code": f"{company.naf[:2]}.{company.naf[2:]}", "libelle": company.naf_label}


def _representative(director: Director, contact: tuple[str, str] | None) -> dict:
    """Return a legal representative as the association declared them; the president may give a contact."""
    person = director.person
    telephone, courriel = contact if contact and director.fonction == "PRESIDENT" else (None, None)
    return {
        "civilite": CIVILITIES[insee.sex(person)],
        "nom": person.nom,
        "prenom": person.prenom,
        "fonction": FUNCTION_LABELS.get(director.fonction, director.fonction.capitalize()),
        "valideur_cec": director.fonction == "PRESIDENT",
        "publication_internet": False,
        "telephone": telephone,
        "courriel": courriel,
    }


def _establishment(site: Establishment, declared: Declarations | None, open_data: bool) -> dict:
    """Return an establishment as SIRENE shows it; the head office carries what the association declared."""
    company = site.company
    head_office = declared if site.is_siege else None
    entry = {
        "siren": company.siren,
        "siret": site.siret,
        "actif": site.is_active,
        "siege": site.is_siege,
        "nom": company.raison_sociale,
        "telephone": head_office.telephone if head_office else None,
        "courriel": head_office.courriel if head_office else None,
        "date_debut_activite": site.created_on.isoformat(),
        "adresse": rna_address(site.address),
        "activite_principale": _activity(company),
        "tranche_effectif": _band(company),
        "rhs": [_staff_year(year) for year in head_office.staff] if head_office else [],
        "comptes": [_accounts_year(year) for year in head_office.accounts] if head_office else [],
    }
    if not open_data:
        contact = head_office.representative_contact if head_office else None
        entry["representants_legaux"] = (
            [_representative(d, contact) for d in company.directors if d.person] if site.is_siege else []
        )
        entry["documents_dac"] = [_uploaded(document) for document in head_office.documents] if head_office else []
    return entry


def _staff_year(year: StaffYear) -> dict:
    """Return the people of one declared year."""
    men, women = year.members
    return {
        "annee": str(year.year),
        "nombre_benevoles": year.volunteers,
        "nombre_volontaires": year.civic_volunteers,
        "nombre_salaries": year.employees,
        "nombre_salaries_etpt": year.full_time_equivalent,
        "nombre_emplois_aides": year.subsidised_jobs,
        "nombre_personnels_detaches": year.seconded,
        "nombre_adherents": {"hommes": men, "femmes": women, "total": men + women},
    }


def _accounts_year(year: AccountsYear) -> dict:
    """Return the accounts of one declared year."""
    return {
        "annee": str(year.year),
        # The official field name keeps the API's spelling.
        "commisaire_aux_comptes": year.audited,
        "montant_dons": year.donations,
        "cause_subventions": year.subsidy_cause,
        "montant_subventions": year.subsidies,
        "montant_aides_sur_3ans": year.aid_three_years,
        "total_charges": year.expenses,
        "total_resultat": year.income - year.expenses,
        "total_produits": year.income,
    }


def _uploaded(document: UploadedDocument) -> dict:
    """Return a document the association uploaded to Le Compte Asso."""
    return {
        "id": document.id,
        "nom": document.nom,
        "commentaire": document.comment,
        "type": document.kind,
        "annee_validite": str(document.valid_year) if document.valid_year else None,
        "etat": "courant" if document.current else "archivé",
        "date_depot": document.deposited_on.isoformat(),
        "url": DAC_URL.format(id=document.id),
    }


def _partner(partner: Partner, affiliation: bool) -> dict:
    """Return a member of the association's network, or a federation it is affiliated to."""
    entry = {
        "nom": partner.nom,
        "rna": partner.rna,
        "siret": partner.siret,
        "telephone": partner.telephone,
        "courriel": partner.courriel,
        "objet": partner.objet,
        "adresse": rna_address(partner.address),
    }
    if not affiliation:
        return entry | {"site_web": partner.site_web}
    men, women = partner.licensed
    return {
        "nom": partner.nom,
        "numero": partner.numero,
        **{key: entry[key] for key in ("rna", "siret", "objet", "adresse", "telephone", "courriel")},
        "attestation_affiliation_url": DAC_URL.format(id=partner.numero),
        "nombre_licencies": {"hommes": men, "femmes": women, "total": men + women},
    }


def _approval(approval: Approval) -> dict:
    """Return a state approval."""
    return {
        "numero": approval.numero,
        "date_attribution": approval.granted_on.isoformat(),
        "type": approval.kind,
        "niveau": approval.level,
        "attributeur": approval.granted_by,
        "url": approval.url,
    }


def _social_object(declared: Declarations, rank: int) -> dict:
    """Return the association's social object of ``rank`` (0 or 1), code and label, or nulls."""
    if rank >= len(declared.social_objects):
        return {"code": None, "libelle": None}
    code = declared.social_objects[rank]
    return {"code": code, "libelle": SOCIAL_OBJECTS[code]}


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
                # The RNA numbers a deposit by the second it was received.
                "id": str(deposit.timestamp + rank),
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


def _lookup(identifier: str, today: date) -> tuple[Company | None, Association | None]:
    """Return the unit on ``today`` and the RNA record an identifier names, or raise 404 for anything else."""
    if is_rna(identifier):
        record = world.association(identifier)
        unit = record.company if record else None
        return (world.company_at(unit.siren, today) if unit else None), record
    company = world.company_at(identifier, today)
    if company.legal_form not in nom.ASSOCIATION_FORMS:
        raise ApiError("not_found")
    return company, world.association(company.siege_siret)


def association(call: Call, open_data: bool) -> Reply:
    """Render one association: the RNA record, the SIRENE unit, the deposits."""
    company, record = _lookup(call.path_params["siren_or_rna"], call.today)
    if record and call.scenario == scenarios.DISSOLVED_ASSOCIATION:
        record = world.dissolved(record)
    created = record.created_on if record else company.created_on
    dissolved = record.dissolved_on if record else company.ceased_on
    published = record.published_on if record else None
    # A dissolution after the instant has not happened yet.
    dissolved = dissolved if dissolved and dissolved <= call.today else None
    address = rna_address(record.address if record else company.address)
    eligible = call.today - created >= CEC_AGE
    declared = world.association_declarations(record.rna_id if record else company.siren)
    sites = [world.establishment_at(company.siege_siret, call.today)] if company else []
    sites += [
        world.establishment_at(with_check_digit(f"{company.siren}{nic:04d}"), call.today)
        for nic in declared.secondary_nics
    ]
    activity = {**_activity(company), "annee": str(company.created_on.year)} if company else None
    band = {**_band(company), "annee": str(company.headcount_year)} if company else None
    empty = {"code": None, "libelle": None}
    data = {
        "rna": record.rna_id if record else None,
        "ancien_id": declared.ancien_id,
        "siren": company.siren if company else None,
        "nom": record.titre if record else company.raison_sociale,
        "active": dissolved is None,
        "sigle": declared.sigle,
        "reconnue_utilite_publique": bool(company and company.legal_form == PUBLIC_UTILITY),
        "siret_siege": company.siege_siret if company else None,
        "forme_juridique": {
            "code": company.legal_form if company else nom.ASSOCIATION,
            "libelle": company.legal_form_label if company else nom.LEGAL_FORMS[nom.ASSOCIATION],
        },
        "regime": "Alsace-Moselle" if company and company.legal_form == nom.LOCAL_LAW_ASSOCIATION else "Loi 1901",
        "groupement": declared.grouping,
        "eligibilite_cec": eligible,
        "raison_non_eligibilite_cec": None if eligible else CEC_TOO_YOUNG,
        "impots_commerciaux": False,
        "date_creation": created.isoformat(),
        "date_dissolution": dissolved.isoformat() if dissolved else None,
        "date_publication_reconnue_utilite_publique": (
            record.published_on.isoformat() if record and company and company.legal_form == PUBLIC_UTILITY else None
        ),
        "date_publication_journal_officiel": published.isoformat() if published else None,
        "adresse_siege": address,
        "adresse_gestion": address,
        "alsace_moselle": _alsace_moselle(company),
        "composition_reseau": [_partner(member, affiliation=False) for member in declared.members],
        "agrements": [_approval(approval) for approval in declared.approvals],
        "activites": {
            "objet": record.objet if record else None,
            "objet_social1": _social_object(declared, 0),
            "objet_social2": _social_object(declared, 1),
            "champ_action_territorial": declared.reach,
            "activite_principale": activity or {**empty, "annee": None},
            "tranche_effectif": band or {**empty, "annee": None},
            # Associations belong to the social and solidarity economy by law.
            "economie_sociale_et_solidaire": True,
            "date_appartenance_ess": declared.ess_since.isoformat() if declared.ess_since else None,
        },
        "etablissements": [_establishment(site, declared, open_data) for site in sites],
    }
    if not open_data:
        data |= {
            "reseaux_affiliation": [_partner(federation, affiliation=True) for federation in declared.affiliations],
            "documents_rna": _documents(call, record),
        }
    meta = {
        "internal_id": record.rna_id if record else company.siren,
        "date_derniere_mise_a_jour_sirene": company.updated_on.isoformat() if company else None,
        "date_derniere_mise_a_jour_rna": record.updated_on.isoformat() if record else None,
    }
    # Production's serializer links the head office's INSEE routes in v3, null without a head office.
    siege = data["siret_siege"]
    links = {
        "insee_siege_social": _insee_url(call, f"etablissements/{siege}") if siege else None,
        "insee_siege_social_adresse": _insee_url(call, f"etablissements/{siege}/adresse") if siege else None,
    }
    return resource(data, meta=meta, links=links)


def _insee_url(call: Call, path: str) -> str:
    """Return the URL of a v3 INSEE route of this sandbox, as production's links name v3."""
    return f"{call.host_url}v3/insee/sirene/{path}"
