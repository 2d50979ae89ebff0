"""v2 identity payloads: ``entreprises`` and ``etablissements`` (CONTRACT §2.1-2.2).

Besides the nominal payload, these routes carry the INSEE outcomes: non-diffusible units
(451 unless ``non_diffusables=true``), units diffused to nobody (451), duplicates (301) and
partial answers (206).
"""

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.rules import scenarios
from mockserver.rules.errors import ApiError
from mockserver.world import nomenclatures as nom
from mockserver.world.entities import Company, Director, Establishment, paris_timestamp
from mockserver.world.postal import ISO_COUNTRY

UNAVAILABLE = "Donnée indisponible"
REDIRECT_PAGE = (
    '<html><body>Vous êtes redirigé vers <a href="{location}">{location}</a>. '
    "Le {kind} demandé est un doublon et ne doit plus être utilisé.</body></html>"
)


def tranche(band: str | None, year: int) -> dict:
    """Return a headcount band object: integer bounds, code, reference year, label (all null without a band)."""
    low, high, label = nom.HEADCOUNT_BANDS[band]
    return {
        "de": low,
        "a": high,
        "code": band,
        "date_reference": str(year) if band not in ("NN", None) else None,
        "intitule": label,
    }


def _director(director: Director) -> dict:
    """Return one mandataire social as Infogreffe's v2 payload lists it."""
    if director.person is None:
        return {
            "nom": "",
            "prenom": "",
            "fonction": director.fonction,
            "dirigeant": True,
            "date_naissance": "",
            "date_naissance_timestamp": 0,
            "raison_sociale": director.raison_sociale,
            "identifiant": director.siren,
            "type": "PM",
        }
    person = director.person
    return {
        "nom": person.nom,
        "prenom": person.prenom,
        "fonction": director.fonction,
        "dirigeant": True,
        "date_naissance": person.date_naissance.isoformat(),
        "date_naissance_timestamp": paris_timestamp(person.date_naissance),
        "raison_sociale": "",
        "identifiant": "",
        "type": "PP",
    }


def _name_line(company: Company) -> str:
    """Return the first address line: the person's or the company's name."""
    if company.person:
        return f"{company.person.prenom} {company.person.nom}"
    return company.raison_sociale


def etablissement_object(site: Establishment, diffusible: bool) -> dict:
    """Return the v2 ``etablissement`` object of an establishment."""
    address = site.address
    return {
        "siege_social": site.is_siege,
        "siret": site.siret,
        "naf": site.naf,
        "libelle_naf": site.naf_label,
        "date_mise_a_jour": paris_timestamp(site.updated_on),
        "tranche_effectif_salarie_etablissement": tranche(site.headcount_band, site.company.headcount_year),
        "date_creation_etablissement": paris_timestamp(site.created_on),
        "region_implantation": {"code": address.region_code or None, "value": address.region},
        "commune_implantation": {"code": address.code_insee or None, "value": address.localite},
        "pays_implantation": {"code": ISO_COUNTRY.get(address.code_pays, "FR"), "value": address.pays or "FRANCE"},
        "diffusable_commercialement": diffusible,
        "enseigne": site.enseigne,
        "adresse": {
            "l1": _name_line(site.company),
            "l2": site.enseigne,
            "l3": address.complement,
            "l4": address.street_line,
            "l5": address.distribution_speciale,
            "l6": address.postcode_line,
            "l7": address.pays or "FRANCE",
            "numero_voie": address.numero_voie,
            "type_voie": None if address.is_abroad else address.type_voie,
            "nom_voie": address.nom_voie,
            "complement_adresse": address.complement,
            "code_postal": address.code_postal or None,
            "localite": address.localite,
            "code_insee_localite": address.code_insee or None,
            "cedex": address.code_cedex,
        },
        "etat_administratif": {
            "value": "A" if site.is_active else "F",
            "date_fermeture": paris_timestamp(site.closed_on) if site.closed_on else None,
        },
    }


def entreprise_object(company: Company) -> dict:
    """Return the v2 ``entreprise`` object of a company (without the diffusion flag)."""
    person = company.person
    # The radiation is the trade register's: none for a unit it never registered (an association).
    radiated = company.ceased_on if world.registration(company.siren) else None
    return {
        "siren": company.siren,
        "capital_social": company.capital,
        "numero_tva_intracommunautaire": company.tva_number,
        "forme_juridique": company.legal_form_label,
        "forme_juridique_code": company.legal_form,
        "nom_commercial": company.nom_commercial,
        "procedure_collective": False,
        "enseigne": company.enseigne,
        "naf_entreprise": company.naf,
        "libelle_naf_entreprise": company.naf_label,
        "raison_sociale": company.raison_sociale,
        "siret_siege_social": company.siege_siret,
        "code_effectif_entreprise": company.headcount_band,
        "date_creation": paris_timestamp(company.created_on),
        "nom": person.nom if person else None,
        "prenom": " ".join(person.prenoms) if person else None,
        "date_radiation": paris_timestamp(radiated) if radiated else None,
        "categorie_entreprise": company.categorie,
        "tranche_effectif_salarie_entreprise": tranche(company.headcount_band, company.headcount_year),
        "mandataires_sociaux": [_director(d) for d in company.directors],
        "etat_administratif": {
            "value": "A" if company.is_active else "C",
            "date_cessation": paris_timestamp(company.ceased_on) if company.ceased_on else None,
        },
    }


def _diffusion(call: Call, kind: str, company: Company) -> bool:
    """Apply the INSEE diffusion outcomes; return whether the unit is diffusible."""
    if call.scenario == scenarios.NEVER_DIFFUSED:
        raise ApiError("never_diffused")
    if call.scenario == scenarios.NON_DIFFUSIBLE or company.is_partially_diffusible:
        if not call.flag("non_diffusables"):
            raise ApiError(f"non_diffusible_{kind}")
        return False
    return True


def _redirect(call: Call, route: str, kind: str, successor: str) -> Reply:
    """Return the 301 of a duplicate identifier: same route, new identifier, query kept."""
    location = f"{call.host_url}v2/{route}/{successor}"
    if call.query_string:
        location += f"?{call.query_string}"
    page = REDIRECT_PAGE.format(location=location, kind=kind)
    return Reply(
        status=301, body=page.encode(), content_type="text/html; charset=utf-8", headers={"Location": location}
    )


def _unavailable(value):
    """Replace every scalar of a payload fragment by the "unavailable" marker."""
    if isinstance(value, dict):
        return {key: _unavailable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_unavailable(item) for item in value]
    return UNAVAILABLE if isinstance(value, str) else None


def entreprise(call: Call) -> Reply:
    """Render ``GET /v2/entreprises/{siren}``."""
    siren = call.path_params["siren"]
    diffusible = _diffusion(call, "siren", world.company_at(siren, call.today))
    if call.scenario == scenarios.REDIRECTED:
        return _redirect(call, "entreprises", "siren", world.successor_siren(siren))
    if world.is_duplicate(siren, call.today):
        return _redirect(call, "entreprises", "siren", world.company_at(siren, call.today).siren)
    company = world.company_at(siren, call.today)
    body = entreprise_object(company)
    if call.flag("non_diffusables"):
        body["diffusable_commercialement"] = diffusible
    siege = etablissement_object(world.establishment_at(company.siege_siret, call.today), diffusible)
    if call.scenario == scenarios.PARTIAL_CONTENT:
        siege = {**_unavailable(siege), "siret": company.siege_siret}
        return Reply({"entreprise": body, "etablissement_siege": siege, "gateway_error": False}, status=206)
    return Reply({"entreprise": body, "etablissement_siege": siege, "gateway_error": False})


def etablissement(call: Call) -> Reply:
    """Render ``GET /v2/etablissements/{siret}``."""
    siret = call.path_params["siret"]
    diffusible = _diffusion(call, "siret", world.company_at(siret[:9], call.today))
    if call.scenario == scenarios.REDIRECTED:
        return _redirect(call, "etablissements", "siret", world.successor_siret(siret))
    if world.is_duplicate(siret, call.today):
        return _redirect(call, "etablissements", "siret", world.establishment_at(siret, call.today).siret)
    body = etablissement_object(world.establishment_at(siret, call.today), diffusible)
    if call.scenario == scenarios.PARTIAL_CONTENT:
        body["region_implantation"] = _unavailable(body["region_implantation"])
        return Reply({"etablissement": body, "gateway_error": False}, status=206)
    return Reply({"etablissement": body, "gateway_error": False})
