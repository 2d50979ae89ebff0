"""``GET /v3/inpi/rne/unites_legales/{siren}/extrait_rne``: the RNE's extract of a business.

The identity, officers, head office and mentions are those of the other registers' routes
(the company, its RCS entry ``world.registration``, its RNM entry for a craft business),
with production's proxy link to the extract's PDF (its answer gives the URL in the sandbox's
storage). The RNE enters every business but associations, which are a 404.
"""

from datetime import date, timedelta

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.renderers.current import inpi_proxy_url, resource
from mockserver.rules.errors import ApiError
from mockserver.world import nomenclatures as nom
from mockserver.world import registry_tables
from mockserver.world.entities import Address, Company
from mockserver.world.shareholding import home_address

# Catégories juridiques of the liberal professions; the RNE names the others by their activity.
LIBERAL_FORMS = ("5485",)
LIBERAL_NAF_PREFIXES = ("69", "71", "86")
SINGLE_MEMBER_FORMS = ("5498", "5720")


def nature(company: Company, at: date) -> str:
    """Return the nature of the business on ``at``: craft, farming, liberal or commercial."""
    if world.craft_entry(company.siren, at):
        return "ARTISANALE"
    if company.naf.startswith(nom.AGRICULTURE_NAF_PREFIXES):
        return "AGRICOLE"
    if company.legal_form in LIBERAL_FORMS or company.naf.startswith(LIBERAL_NAF_PREFIXES):
        return "LIBERALE"
    return "COMMERCIALE"


def _address(address: Address) -> dict:
    """Return an address as the extract prints it (abroad, an empty postcode and the country's name)."""
    return {
        "voie": address.street_line,
        "code_postal": address.code_postal,
        "commune": address.localite,
        "pays": address.pays or "FRANCE",
        "complement": address.complement,
    }


def _first_closing(created: date, year_end: str) -> date:
    """Return the first closing day: the first fiscal year end at least six months after the creation."""
    month, day = (int(part) for part in year_end.split("-"))
    closing = date(created.year, month, day)
    while closing < created + timedelta(days=183):
        closing = closing.replace(year=closing.year + 1)
    return closing


def _officers(company: Company) -> list[dict]:
    """Return the officers and partners the extract lists (a sole trader is the only one)."""
    if company.person:
        people = [("Entrepreneur individuel", company.person)]
    else:
        people = [(registry_tables.KBIS_FUNCTIONS[d.fonction], d.person) for d in company.directors if d.person]
    return [
        {
            "qualite": quality,
            "nom": person.nom,
            "prenom": person.prenom,
            "date_naissance": f"{person.date_naissance.month:02d}-{person.date_naissance.year}",
            "commune_residence": home_address(person).localite.title(),
        }
        for quality, person in people
    ]


def extrait_rne(call: Call) -> Reply:
    """Render the RNE's extract of a business."""
    siren = call.path_params["siren"]
    company = world.company_at(siren, call.today)
    registration = world.registration_at(company.siren, call.today)
    if registration is None:
        raise ApiError("not_found")
    craft = world.craft_entry(siren, call.today)
    aprm = {"code": craft.nafa if craft else None, "libelle": craft.nafa_label if craft else None}
    kind = nature(company, call.today)
    person = company.person
    ceased = company.ceased_on
    month, day = registration.fiscal_year_end.split("-")
    head_office = {
        "type_etablissement": "Siège et principal",
        "date_debut_activite": company.created_on.isoformat(),
        "siret": company.siege_siret,
        "code_APE": {"code": company.naf, "libelle": company.naf_label},
        "code_APRM": aprm,
        "nature_etablissement": kind,
        "activite_principale": company.naf_label,
        # The RNE joins the establishment's other activities (for a craft business, the RNM's secondary ones).
        "autre_activite": ", ".join(craft.secondary_labels) if craft and craft.secondary_nafa else None,
        "adresse": _address(company.head_office_address),
        "statut": "fermé" if ceased else "actif",
    }
    return resource(
        {
            "document_url": inpi_proxy_url(call, "extrait", siren, siren),
            "identite_entreprise": {
                "denomination": None if person else company.raison_sociale,
                "nom": person.nom if person else None,
                "prenoms": list(person.prenoms) if person else None,
                "siren": siren,
                "date_immatriculation_rne": registration.registered_on.isoformat(),
                "date_debut_activite": company.created_on.isoformat(),
                "detail_cessation": "Cessation totale d'activité" if ceased else None,
                "dissolution": {
                    "date": ceased.isoformat() if ceased and not person else None,
                    "poursuite_activite": False if ceased and not person else None,
                    "avec_liquidation": True if ceased and not person else None,
                },
                "date_fin_personne": None if person else registration.lifetime_end.isoformat(),
                "date_cloture_exercice": None if person else f"{day}-{month}",
                "date_premiere_cloture_exercice": None
                if person
                else _first_closing(company.created_on, registration.fiscal_year_end).isoformat(),
                "nature_entreprise": kind,
                "forme_juridique": {"code": company.legal_form, "libelle": company.legal_form_label},
                "associe_unique": company.legal_form in SINGLE_MEMBER_FORMS,
                "activite_principales_objet_social": company.naf_label,
                "code_APE": {"code": company.naf, "libelle": company.naf_label},
                "code_APRM": aprm,
                "capital_social": {
                    "montant": float(company.capital) if company.capital is not None else None,
                    "devise": "EUR",
                },
                "adresse_siege_social": _address(company.head_office_address),
            },
            "dirigeants_et_associes": _officers(company),
            "etablissements": [head_office],
            "diffusion_commerciale": True,
            "diffusion_insee": company.statut_diffusion == "O",
            "etablissements_fermes_total": 1 if ceased else 0,
            "observations": [
                {"fournisseur": "rcs", "numero": o.numero, "date": o.day.isoformat(), "texte": o.libelle}
                for o in registration.observations
            ],
        }
    )
