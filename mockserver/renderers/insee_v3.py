"""v3 and v4 INSEE payloads: unités légales, établissements, siège social, adresse (CONTRACT §3, §4).

Each route has a ``/diffusibles/`` twin serving open data only: for a partially diffusible
unit it masks the protected fields with "[ND]" and says the data may be diffused, where the
protected route shows everything and says it may not (CONTRACT §3.8; siade's diffusible
filters). v3 gives the activity in NAF rév. 2; v4 gives it in NAF 2025 from production's switch day
on (``naf2025.SWITCH_DAY``), the code the world's NAF rév. 2 activity went to (``world.naf2025``),
with the NAF rév. 2 one beside it in ``activite_principale_naf_rev2``, the unit inside an
établissement too; before that day v4 gives NAF rév. 2 in both. A duplicate identifier (one SIREN
in fifty, from the day Sirene merged it; and the ``redirected`` scenario) answers its successor's
data with ``meta.redirect_from_siren``/``siret`` instead of v2's 301; before that day it answers as
itself, the successor's facts under its own SIREN. The siege route never fills
its ``redirect_from_siret``, as the real one searches Sirene and follows no redirect. The
fields derive from the same entities as v2. A staging identifier whose files contradict each other
answers each route's facts (``curated.STAGING_VIEWS``, ``staging_view_fields``).
"""

from datetime import date, datetime

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.renderers.insee_v2 import tranche
from mockserver.rules import scenarios
from mockserver.rules.errors import ApiError
from mockserver.world import curated, insee, naf2025
from mockserver.world import nomenclatures as nom
from mockserver.world.entities import PARIS, Address, Company, Establishment, paris_timestamp

NOT_DIFFUSED = "[ND]"
STATUS_DIFFUSION = {"O": "diffusible", "P": "partiellement_diffusible"}
PERSONNE_PHYSIQUE_FIELDS = (
    "pseudonyme",
    "prenom_usuel",
    "prenom_1",
    "prenom_2",
    "prenom_3",
    "prenom_4",
    "nom_usage",
    "nom_naissance",
    "sexe",
)
# What open data hides of a partially diffusible unit's address: all but the commune and the country.
MASKED_ADDRESS_FIELDS = (
    "numero_voie",
    "indice_repetition_voie",
    "type_voie",
    "libelle_voie",
    "complement_adresse",
    "code_postal",
    "distribution_speciale",
    "code_cedex",
    "libelle_cedex",
)
# INSEE's repetition index codes, as the current API spells them out.
REPETITION_LABELS = {"B": "bis", "T": "ter", "Q": "quarter", "C": "quinquies"}
MASKED_POSTAL_LINES = ("l1", "l2", "l3", "l4", "l5", "l6")


def _statut(call: Call, company: Company) -> str:
    """Return the unit's statut de diffusion once the scenario applied; a unit diffused to nobody is a 451."""
    if call.scenario == scenarios.NEVER_DIFFUSED:
        raise ApiError("never_diffused")
    if call.scenario == scenarios.NON_DIFFUSIBLE or company.is_partially_diffusible:
        return "P"
    return "O"


def _diffusable(statut: str, open_data: bool) -> bool:
    """Tell whether the payload may be diffused: open data always may, protected data only if all of it is public."""
    return open_data or statut == "O"


def _activite(naf: str) -> dict:
    """Return an activity in its NAF revision (rév. 2 but for a curated older code), its code dotted as INSEE's."""
    return {
        "code": f"{naf[:2]}.{naf[2:]}",
        "nomenclature": nom.OLD_NAF.get(naf, nom.NAF_NOMENCLATURE),
        "libelle": nom.NAF[naf],
    }


def _activite_naf2025(naf: str) -> dict:
    """Return the activity in NAF 2025 that an activity in NAF rév. 2 became."""
    code = naf2025.code(naf)
    return {"code": code, "nomenclature": naf2025.NOMENCLATURE, "libelle": naf2025.label(code)}


def _activites(naf: str, version: str, today: date) -> dict:
    """Return a version's activity fields on ``today``: NAF rév. 2 in v3; in v4, NAF 2025 (or rév. 2), then rév. 2."""
    if version != "v4":
        return {"activite_principale": _activite(naf)}
    if naf in nom.OLD_NAF:
        # A code of an earlier revision has no NAF rév. 2 code, hence no NAF 2025 one.
        unknown = {"code": None, "nomenclature": nom.NAF_NOMENCLATURE, "libelle": "non référencé"}
        return {"activite_principale": _activite(naf), "activite_principale_naf_rev2": unknown}
    first = _activite_naf2025(naf) if naf2025.in_force(today) else _activite(naf)
    return {"activite_principale": first, "activite_principale_naf_rev2": _activite(naf)}


def _personne_physique(company: Company, masked: bool) -> dict:
    """Return the natural person's attributes, all null for a legal person, all "[ND]" when masked."""
    person = company.person
    if person is None:
        return dict.fromkeys(PERSONNE_PHYSIQUE_FIELDS)
    if masked:
        return dict.fromkeys(PERSONNE_PHYSIQUE_FIELDS, NOT_DIFFUSED)
    prenoms = [*person.prenoms, None, None, None][:4]
    return {
        "pseudonyme": person.pseudonyme,
        "prenom_usuel": person.prenom,
        "prenom_1": prenoms[0],
        "prenom_2": prenoms[1],
        "prenom_3": prenoms[2],
        "prenom_4": prenoms[3],
        "nom_usage": person.nom_usage,
        "nom_naissance": person.nom,
        "sexe": insee.sex(person),
    }


def unite_legale_fields(
    company: Company, statut: str, open_data: bool, version: str, today: date, embedded: bool
) -> dict:
    """Return a unité légale's fields on ``today``; ``embedded`` is the copy in an établissement, without cessation."""
    masked = open_data and statut == "P"
    legal_person = company.person is None
    fields = {
        "siren": company.siren,
        "rna": company.rna,
        "siret_siege_social": company.siege_siret,
        "type": "personne_morale" if legal_person else "personne_physique",
        "personne_morale_attributs": {
            "raison_sociale": company.raison_sociale if legal_person else None,
            "sigle": (NOT_DIFFUSED if masked else insee.sigle(company)) if legal_person else None,
        },
        "personne_physique_attributs": _personne_physique(company, masked),
        "categorie_entreprise": company.categorie,
        "status_diffusion": STATUS_DIFFUSION[statut],
        "diffusable_commercialement": _diffusable(statut, open_data),
        "forme_juridique": {"code": company.legal_form, "libelle": company.legal_form_label},
    } | _activites(company.naf, version, today)
    fields |= {
        "tranche_effectif_salarie": tranche(company.headcount_band, company.headcount_year),
        "etat_administratif": "A" if company.is_active else "C",
        "economie_sociale_et_solidaire": insee.economie_sociale_et_solidaire(company),
        "date_creation": paris_timestamp(company.created_on),
    }
    if not embedded:
        fields["date_cessation"] = paris_timestamp(company.ceased_on) if company.ceased_on else None
    return fields


def adresse_fields(site: Establishment, statut: str, open_data: bool) -> dict:
    """Return an établissement's address; empty postal lines are "" as INSEE's are; a foreign one has no French code."""
    address, company = site.address, site.company
    abroad = address.is_abroad
    street_type = None if abroad else nom.STREET_TYPES.get(address.type_voie)
    french = (lambda value: None) if abroad else (lambda value: value)
    fields = {
        "numero_voie": address.numero_voie,
        "indice_repetition_voie": REPETITION_LABELS.get(address.indice_repetition),
        "type_voie": street_type,
        "libelle_voie": address.nom_voie,
        "complement_adresse": address.complement,
        "code_commune": french(address.code_insee),
        "code_postal": french(address.code_postal),
        "distribution_speciale": address.distribution_speciale,
        "code_cedex": address.code_cedex,
        "libelle_cedex": address.libelle_cedex,
        "libelle_commune": french(address.localite),
        "libelle_commune_etranger": address.localite if abroad else None,
        "code_pays_etranger": address.code_pays,
        "libelle_pays_etranger": address.pays,
        "status_diffusion": STATUS_DIFFUSION[statut],
        "acheminement_postal": {
            "l1": "" if company.person else company.raison_sociale,
            "l2": f"{company.person.prenom} {company.person.nom}" if company.person else "",
            "l3": address.complement or "",
            "l4": " ".join(
                filter(None, (address.numero_voie, address.indice_repetition, street_type, address.nom_voie))
            ),
            "l5": address.distribution_speciale or "",
            "l6": _postcode_line(address),
            "l7": address.pays or "FRANCE",
        },
    }
    if open_data and statut == "P":
        fields |= dict.fromkeys(MASKED_ADDRESS_FIELDS, NOT_DIFFUSED)
        fields["acheminement_postal"] |= dict.fromkeys(MASKED_POSTAL_LINES, NOT_DIFFUSED)
    return fields


def _street_line(address: Address, street_type: str | None) -> str:
    """Return INSEE's fourth postal line: number, repetition index, street type and name."""
    return " ".join(filter(None, (address.numero_voie, address.indice_repetition, street_type, address.nom_voie)))


def _postcode_line(address: Address) -> str:
    """Return INSEE's sixth postal line: CEDEX code and label, or postcode and commune, or the foreign commune."""
    if address.is_abroad:
        return address.localite
    if address.code_cedex:
        return f"{address.code_cedex} {address.libelle_cedex}"
    return f"{address.code_postal} {address.localite}"


def etablissement_fields(site: Establishment, statut: str, open_data: bool, version: str, today: date) -> dict:
    """Return an établissement's fields on ``today``, with its unité légale and its address."""
    masked = open_data and statut == "P"
    # Open data hides a person's enseigne (often their name); a legal person's stays public.
    enseigne = NOT_DIFFUSED if masked and site.company.person and site.enseigne else site.enseigne
    fields = {
        "siret": site.siret,
        "siege_social": site.is_siege,
        "etat_administratif": "A" if site.is_active else "F",
        "date_fermeture": paris_timestamp(site.closed_on) if site.closed_on else None,
    } | _activites(site.naf, version, today)
    return fields | {
        "tranche_effectif_salarie": tranche(site.headcount_band, site.company.headcount_year),
        "status_diffusion": STATUS_DIFFUSION[statut],
        "diffusable_commercialement": _diffusable(statut, open_data),
        "enseigne": enseigne,
        "unite_legale": unite_legale_fields(site.company, statut, open_data, version, today, embedded=True),
        "adresse": adresse_fields(site, statut, open_data),
        "date_creation": paris_timestamp(site.created_on),
    }


def _timestamp(moment: date | datetime | int | None) -> int | None:
    """Return INSEE's timestamp of a day (Paris midnight) or an instant; a timestamp as it is."""
    if isinstance(moment, datetime):
        return int(moment.timestamp())
    if isinstance(moment, date):
        return paris_timestamp(moment)
    return moment


def _happened(fact: object, today: date) -> bool:
    """Tell whether a view's fact is known on ``today``: a day or an instant once it has come, any other always."""
    if isinstance(fact, datetime):
        fact = fact.astimezone(PARIS).date()
    return not isinstance(fact, date) or fact <= today


def _old_activite(naf: str, nomenclature: str) -> dict:
    """Return an activity of an earlier NAF revision under the nomenclature a file names, labelled as unsupported."""
    return {
        "code": f"{naf[:2]}.{naf[2:]}",
        "nomenclature": nomenclature,
        "libelle": f"ancienne révision NAF ({nomenclature}) non supportée",
    }


# The routes that show a staging identifier's facts apart, by the section of ``curated.STAGING_VIEWS`` they read.
STAGING_VIEW_ROUTES = {
    "establishment": "établissement and siège social, v3 and v4, their `/diffusibles/` twins",
    "address": "adresse d'un établissement, v3 and v4, its `/diffusibles/` twin",
}


def staging_views(today: date) -> list[tuple[Establishment, str, dict[tuple[str, ...], object]]]:
    """Return every head office a staging view names, with the route and the fields it shows apart on ``today``."""
    found = []
    for siren, views in sorted(curated.STAGING_VIEWS.items()):
        site = world.establishment_at(world.company(siren).siege_siret, today)
        found += [(site, route, staging_view_fields(site, route, today)) for route in views]
    return found


def _same(value: object, site: Establishment) -> object:
    """Return the fact as the field shows it."""
    return value


# What each fact of a staging view shows: per fact, the fields it sets (where, from the fact and the site). "address"
# is the address object (the body's data on the address route, data.adresse in an établissement), "unit" the unit
# inside an établissement; a fact the table lacks is a fixture's error.
SITE_VIEW_FIELDS = {
    "headcount_band": {
        ("data", "tranche_effectif_salarie"): lambda band, site: tranche(band, site.company.headcount_year)
    },
    "created_on": {("data", "date_creation"): lambda day, site: _timestamp(day)},
    "closed_on": {
        ("data", "date_fermeture"): lambda day, site: _timestamp(day),
        ("data", "etat_administratif"): lambda day, site: "F" if day else "A",
    },
    "updated_on": {("meta", "date_derniere_mise_a_jour"): lambda day, site: _timestamp(day)},
    "updated_at": {("meta", "date_derniere_mise_a_jour"): lambda stamp, site: _timestamp(stamp)},
    "complement": {("address", "complement_adresse"): _same},
    "postal_recipient": {("address", "acheminement_postal", "l2"): _same},
}
UNIT_VIEW_FIELDS = {
    "headcount_band": {("tranche_effectif_salarie",): lambda band, site: tranche(band, site.company.headcount_year)},
    "created_at": {("date_creation",): lambda moment, site: _timestamp(moment)},
    "ceased_on": {("etat_administratif",): lambda day, site: "C" if day else "A"},
    "categorie_entreprise": {("categorie_entreprise",): _same},
    "commercially_diffusible": {("diffusable_commercialement",): _same},
    "sex": {("personne_physique_attributs", "sexe"): _same},
    "activity_nomenclature": {
        ("activite_principale",): lambda nomenclature, site: _old_activite(site.company.naf, nomenclature)
    },
}


def staging_view_fields(site: Establishment, route: str, today: date) -> dict[tuple[str, ...], object]:
    """Return the fields (paths in the body) a route shows of ``site`` on ``today`` where staging's files contradict.

    ``route`` is "establishment" or "address" (``curated.STAGING_VIEWS``); every other site shows nothing apart.
    A dated fact is an event of the entity's timeline: before its day, the route shows what the others show.
    A bare timestamp is a file's slip no instant reaches (the year 10431): it shows as written.
    """
    if site.siret != site.company.siege_siret:
        return {}
    view = curated.STAGING_VIEWS.get(site.company.siren, {}).get(route, {})
    address = ("data",) if route == "address" else ("data", "adresse")
    fields: dict[tuple[str, ...], object] = {}
    for fact, value in view.items():
        if fact != "unit" and _happened(value, today):
            for path, shown in SITE_VIEW_FIELDS[fact].items():
                where = (*address, *path[1:]) if path[0] == "address" else path
                fields[where] = shown(value, site)
    for fact, value in view.get("unit", {}).items():
        if _happened(value, today):
            fields |= {
                ("data", "unite_legale", *path): shown(value, site) for path, shown in UNIT_VIEW_FIELDS[fact].items()
            }
    return fields


def _with_staging_view(body: dict, site: Establishment, route: str, today: date) -> dict:
    """Return a body with the fields its route shows apart for a staging identifier; a masked value stays masked."""
    for path, value in staging_view_fields(site, route, today).items():
        parent = body
        for key in path[:-1]:
            parent = parent[key]
        if parent[path[-1]] != NOT_DIFFUSED:
            parent[path[-1]] = value
    return body


def _url(call: Call, version: str, path: str) -> str:
    """Return the absolute URL of a route of this sandbox, as the real links are."""
    return f"{call.host_url}{version}/insee/sirene/{path}"


def _siren_target(call: Call) -> tuple[Company, str | None]:
    """Return the unit the call's SIREN names and, for a duplicate, the SIREN it was redirected from."""
    siren = call.path_params["siren"]
    if call.scenario == scenarios.REDIRECTED:
        return world.company_at(world.successor_siren(siren), call.today), siren
    # A duplicate of the world names its successor's unit.
    company = world.company_at(siren, call.today)
    return company, siren if company.siren != siren else None


def _siret_target(call: Call) -> tuple[Establishment, str | None]:
    """Return the établissement the call's SIRET names and, for a duplicate, the SIRET it was redirected from."""
    siret = call.path_params["siret"]
    if call.scenario == scenarios.REDIRECTED:
        # The real API redirects a duplicate SIRET to its successor's head office (current OpenAPI).
        return world.establishment_at(world.successor_siret(siret), call.today), siret
    site = world.establishment_at(siret, call.today)
    return site, siret if site.siret != siret else None


def _etablissement_reply(
    call: Call, site: Establishment, redirected_from: str | None, version: str, open_data: bool
) -> Reply:
    """Return the envelope of an établissement."""
    statut = _statut(call, site.company)
    body = {
        "data": etablissement_fields(site, statut, open_data, version, call.today),
        "links": {"unite_legale": _url(call, version, f"unites_legales/{site.company.siren}")},
        "meta": {
            "date_derniere_mise_a_jour": paris_timestamp(site.updated_on),
            "redirect_from_siret": redirected_from,
        },
    }
    return Reply(_with_staging_view(body, site, "establishment", call.today))


def unite_legale(call: Call, *, version: str, open_data: bool) -> Reply:
    """Render ``GET /{version}/insee/sirene/unites_legales[/diffusibles]/{siren}``."""
    company, redirected_from = _siren_target(call)
    statut = _statut(call, company)
    siege = company.siege_siret
    return Reply(
        {
            "data": unite_legale_fields(company, statut, open_data, version, call.today, embedded=False),
            "links": {
                "siege_social": _url(call, version, f"etablissements/{siege}"),
                "siege_social_adresse": _url(call, version, f"etablissements/{siege}/adresse"),
            },
            "meta": {
                "date_derniere_mise_a_jour": paris_timestamp(company.updated_on),
                "redirect_from_siren": redirected_from,
            },
        }
    )


def siege_social(call: Call, *, version: str, open_data: bool) -> Reply:
    """Render ``GET /{version}/insee/sirene/unites_legales[/diffusibles]/{siren}/siege_social``."""
    company, _ = _siren_target(call)
    siege = world.establishment_at(company.siege_siret, call.today)
    # Only a SIRET can be redirected: the head office of a duplicate SIREN's successor is not.
    return _etablissement_reply(call, siege, None, version, open_data)


def etablissement(call: Call, *, version: str, open_data: bool) -> Reply:
    """Render ``GET /{version}/insee/sirene/etablissements[/diffusibles]/{siret}``."""
    site, redirected_from = _siret_target(call)
    return _etablissement_reply(call, site, redirected_from, version, open_data)


def adresse(call: Call, *, version: str, open_data: bool) -> Reply:
    """Render ``GET /{version}/insee/sirene/etablissements[/diffusibles]/{siret}/adresse``."""
    site, _ = _siret_target(call)
    statut = _statut(call, site.company)
    body = {
        "data": adresse_fields(site, statut, open_data),
        "links": {
            "unite_legale": _url(call, version, f"unites_legales/{site.company.siren}"),
            "etablissement": _url(call, version, f"etablissements/{site.siret}"),
        },
        "meta": {"date_derniere_mise_a_jour": paris_timestamp(site.updated_on)},
    }
    return Reply(_with_staging_view(body, site, "address", call.today))
