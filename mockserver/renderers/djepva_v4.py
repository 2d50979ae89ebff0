"""``GET /v4/djepva/api-association/associations/{siren_or_rna}`` and its ``/open_data/`` twin (CONTRACT §4 rows 4-5).

The DJEPVA's API Association joins the RNA record (``world.association``), the SIRENE unit
and its head office, and the RNA deposits (``world.association_file``), whose PDFs
are the ones v2's ``documents_associations`` links. A SIREN names an association of any
legal form, Alsace-Moselle's included (they have no RNA number); an RNA number names one
the RNA knows. The open-data twin leaves out the legal representatives (people), the
deposits and the affiliations, as the official open-data schema does.
"""

import hashlib
from datetime import date, datetime, timedelta

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.renderers.current import document_url, resource
from mockserver.renderers.rna_v2 import rna_address
from mockserver.rules import scenarios
from mockserver.rules.errors import ApiError
from mockserver.rules.identifiers import is_rna, with_check_digit
from mockserver.world import curated, insee, rna
from mockserver.world import nomenclatures as nom
from mockserver.world.association_life import (
    SOCIAL_OBJECT_LABELS,
    AccountsYear,
    Approval,
    Declarations,
    Partner,
    StaffYear,
    UploadedDocument,
)
from mockserver.world.entities import PARIS, Association, Company, Director, Establishment

# The RNA's kind of each deposit: (type, sous-type code, sous-type label).
DOCUMENT_KINDS = {
    "Statuts": ("Pièce", "STC", "Statuts"),
    "Liste des dirigeants": ("Pièce", "LDC", "Liste dirigeants"),
    "Procès verbal": ("Pièce", "PV", "Procès verbal"),
    "Récépissé de modification": ("Récipicé", "MD", "Récépissé de modification"),
    "Lettre de déclaration": ("Pièce", "LAC", "Lettre de déclaration"),
    "Récépissé délivré": ("Pièce", "RCF", "Récépissé délivré"),
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


# The DJEPVA's own labels of headcount bands where they are not INSEE's (production's staging files).
BAND_LABELS = {"NN": "Non référencé"}


def _band(company: Company) -> dict:
    """Return the unit's headcount band as the DJEPVA labels it: code and label."""
    band = company.headcount_band
    return {"code": band, "libelle": BAND_LABELS.get(band) or nom.HEADCOUNT_BANDS[band][2]}


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


def _establishment(site: Establishment, declared: Declarations | None, view: dict, open_data: bool) -> dict:
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
        # An establishment's address is SIRENE's, its commune as INSEE writes it.
        "adresse": rna_address(site.address) | {"commune": site.address.city},
        "activite_principale": _activity(company),
        "tranche_effectif": _band(company),
        "rhs": [_staff_year(year) for year in head_office.staff] if head_office else [],
        "comptes": [_accounts_year(year) for year in head_office.accounts] if head_office else [],
    }
    # What Le Compte Asso records of the establishment where it is not SIRENE's (a curated view): its name, its start.
    entry |= view.get("establishments", {}).get(site.siret, {})
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
        # Production writes every amount as a float (``to_f``).
        "montant_dons": float(year.donations),
        "cause_subventions": year.subsidy_cause,
        "montant_subventions": float(year.subsidies),
        "montant_aides_sur_3ans": float(year.aid_three_years),
        "total_charges": float(year.expenses),
        "total_resultat": float(year.result),
        "total_produits": float(year.income),
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
    return {"code": code, "libelle": SOCIAL_OBJECT_LABELS[code]}


def _documents(call: Call, record: Association | None) -> list[dict]:
    """Return the RNA deposits of an association, each with the URL v2 gives it."""
    file = world.association_file(record.rna_id) if record else None
    if file is None or call.scenario == scenarios.ASSOCIATION_WITHOUT_DOCUMENTS:
        return []
    documents = []
    for rank, deposit in file.deposited_by(call.today):
        kind, code, label = DOCUMENT_KINDS[deposit.kind]
        # The RNA numbers a deposit by the second it was received; production answers the number's SHA-256.
        rna_number = str(deposit.timestamp + rank)
        documents.append(
            {
                "id": hashlib.sha256(rna_number.encode()).hexdigest(),
                "type": kind,
                "sous_type": {"code": code, "libelle": label},
                # Production reads the RNA's timestamp as an instant of Paris (``Time.zone.at``), to the millisecond.
                "date_depot": datetime.fromtimestamp(deposit.timestamp, PARIS).isoformat(timespec="milliseconds"),
                "annee_depot": str(deposit.deposited_on.year),
                "url": document_url(call, "document_asso", record.rna_id, str(rank)),
            }
        )
    return documents


def _alsace_moselle(company: Company | None, view: dict) -> dict:
    """Return the local-law register entry: the court of the seat; volume and folio read from the SIREN.

    A curated view gives the court, volume and folio the register shows.
    """
    if company is None or company.legal_form != nom.LOCAL_LAW_ASSOCIATION:
        return dict.fromkeys(("tribunal_instance", "volume", "folio", "date_publication_registre_association"))
    drawn = {
        "tribunal_instance": LOCAL_COURTS[company.address.code_insee[:2]],
        "volume": company.siren[:3],
        "folio": company.siren[3:6],
    }
    return drawn | view.get("register", {}) | {"date_publication_registre_association": company.created_on.isoformat()}


def _lookup(identifier: str, today: date) -> tuple[Company | None, Association | None]:
    """Return the unit on ``today`` and the RNA record an identifier names, or raise 404 for anything else."""
    if is_rna(identifier):
        record = world.association_at(identifier, today)
        unit = record.company if record else None
        return (world.company_at(unit.siren, today) if unit else None), record
    company = world.company_at(identifier, today)
    if company.legal_form not in nom.ASSOCIATION_FORMS:
        raise ApiError("not_found")
    return company, world.association_at(company.siege_siret, today)


def association(call: Call, open_data: bool) -> Reply:
    """Render one association: the RNA record, the SIRENE unit, the deposits."""
    company, record = _lookup(call.path_params["siren_or_rna"], call.today)
    key = record.rna_id if record else company.siren
    view = curated.DJEPVA_VIEWS.get(key, {})
    if record and call.scenario == scenarios.DISSOLVED_ASSOCIATION:
        record = world.dissolved(record, call.today)
    created = record.created_on if record else company.created_on
    # Both read on the instant: a dissolution after it has not happened yet.
    dissolved = record.dissolved_on if record else company.ceased_on
    published = record.published_on if record else None
    address = rna_address(record.address if record else company.address)
    eligible = call.today - created >= CEC_AGE
    declared = world.association_declarations(key)
    # The DJEPVA lists the head office first, unless its record leaves it out (a curated view).
    listed = company and view.get("head_office_listed", True)
    sites = [world.establishment_at(company.siege_siret, call.today)] if listed else []
    sites += [
        world.establishment_at(with_check_digit(f"{company.siren}{nic:04d}"), call.today)
        for nic in declared.secondary_nics
    ]
    activity = band = None
    if company:
        activity = {**_activity(company), "annee": view.get("activity_year", str(company.created_on.year))}
        band = {**_band(company), "annee": view.get("headcount_year", str(company.headcount_year))}
    empty = {"code": None, "libelle": None}
    data = {
        "rna": record.rna_id if record else None,
        "ancien_id": declared.ancien_id,
        "siren": company.siren if company else None,
        "nom": record.titre if record else company.raison_sociale,
        # Production's ``active`` is the RNA's and SIRENE's at once: an association without a unit is never active.
        "active": dissolved is None and company is not None,
        "sigle": declared.sigle,
        "reconnue_utilite_publique": bool(company and company.legal_form == PUBLIC_UTILITY),
        "siret_siege": company.siege_siret if company else None,
        # The legal form is SIRENE's: none without a unit.
        "forme_juridique": {
            "code": company.legal_form if company else None,
            "libelle": view.get("legal_form_label", company.legal_form_label) if company else None,
        },
        "regime": "Alsace-Moselle" if company and company.legal_form == nom.LOCAL_LAW_ASSOCIATION else "Loi 1901",
        "groupement": declared.grouping,
        "eligibilite_cec": eligible,
        "raison_non_eligibilite_cec": None if eligible else CEC_TOO_YOUNG,
        "impots_commerciaux": view.get("commercial_taxes", False),
        "date_creation": _day(record.recorded_creation if record else company.created_on),
        "date_dissolution": dissolved.isoformat() if dissolved else None,
        "date_publication_reconnue_utilite_publique": (
            published.isoformat() if published and company and company.legal_form == PUBLIC_UTILITY else None
        ),
        "date_publication_journal_officiel": published.isoformat() if published else None,
        "adresse_siege": view.get("seat_address", address),
        "adresse_gestion": view.get("management_address", address),
        "alsace_moselle": _alsace_moselle(company, view),
        "composition_reseau": [_partner(member, affiliation=False) for member in declared.members],
        "agrements": [_approval(approval) for approval in declared.approvals if approval.granted_on <= call.today],
        "activites": {
            "objet": record.objet if record else None,
            "objet_social1": _social_object(declared, 0),
            "objet_social2": _social_object(declared, 1),
            "champ_action_territorial": declared.reach,
            "activite_principale": activity or {**empty, "annee": None},
            "tranche_effectif": band or {**empty, "annee": None},
            # Associations belong to the social and solidarity economy by law, unless the record says otherwise.
            "economie_sociale_et_solidaire": view.get("social_economy", True),
            "date_appartenance_ess": _day(declared.ess_since if _happened(declared.ess_since, call.today) else None),
        },
        "etablissements": [_as_of(_establishment(site, declared, view, open_data), call.today) for site in sites],
    }
    if not open_data:
        data |= {
            "reseaux_affiliation": [_partner(federation, affiliation=True) for federation in declared.affiliations],
            "documents_rna": _documents(call, record),
        }
    meta = {
        "internal_id": view.get("internal_id", key),
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


def _happened(day: date | None, today: date) -> bool:
    """Tell whether a dated fact has happened on ``today``."""
    return day is not None and day <= today


def _as_of(establishment: dict, today: date) -> dict:
    """Return an establishment without the years it has not declared yet nor the documents not uploaded yet."""
    dated = {
        "rhs": [year for year in establishment["rhs"] if int(year["annee"]) <= today.year],
        "comptes": [year for year in establishment["comptes"] if int(year["annee"]) <= today.year],
    }
    if "documents_dac" in establishment:
        dated["documents_dac"] = [
            document for document in establishment["documents_dac"] if document["date_depot"] <= today.isoformat()
        ]
    return establishment | dated


def _day(day: date | None) -> str | None:
    """Return a day in ISO 8601, or None."""
    return day.isoformat() if day else None


def _insee_url(call: Call, path: str) -> str:
    """Return the URL of a v3 INSEE route of this sandbox, as production's links name v3."""
    return f"{call.host_url}v3/insee/sirene/{path}"
