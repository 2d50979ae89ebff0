"""v3 Infogreffe payloads: the extrait Kbis and the mandataires sociaux of the RCS (CONTRACT §4).

Both read the company's register entry (``world.registration``), the same the v2 extract and
the INPI routes read, and its directors. A unit the register does not know (an association,
a craftsman) is a 404.
Dates are ISO strings here, as Infogreffe gives them; an extract shows a director's month of
birth only, the mandataires route the full date.
"""

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.rules.errors import ApiError
from mockserver.world import nomenclatures as nom
from mockserver.world import rcs
from mockserver.world import registry_tables as tables
from mockserver.world.entities import Company, Director, paris_timestamp

NATIONALITY = {"valeur": "FRANÇAISE", "code": "FR"}
COUNTRY = {"valeur": "FRANCE", "code": "FR"}


def _registration(call: Call) -> tuple[Company, rcs.Registration]:
    """Return the company of the call's SIREN and its register entry, or raise 404."""
    registration = world.registration_at(call.path_params["siren"], call.today)
    if registration is None:
        raise ApiError("not_found")
    return registration.company, registration


def _kbis_director(director: Director) -> dict:
    """Return a director as an extract lists them."""
    person = director.person
    return {
        "numero_identification": None if person else director.siren,
        "type": "personne_physique" if person else "personne_morale",
        "fonction": tables.KBIS_FUNCTIONS[director.fonction],
        "nom": person.nom if person else None,
        "prenom": person.prenom if person else None,
        "date_naissance": person.date_naissance.strftime("%Y-%m") if person else None,
        "raison_sociale": None if person else director.raison_sociale,
    }


def _personne_physique(company: Company) -> dict:
    """Return the sole trader's block of an extract: every field null for a company."""
    person, address = company.person, company.address
    if person is None:
        return {
            "adresse": dict.fromkeys(
                (
                    "nom_postal",
                    "numero",
                    "type",
                    "voie",
                    "ligne_1",
                    "ligne_2",
                    "localite",
                    "code_postal",
                    "bureau_distributeur",
                    "pays",
                )
            ),
            "nationalite": {"valeur": None, "code": None},
            "nom": None,
            "prenom": None,
            "naissance": {"pays": {"valeur": None, "code": None}, "date": None, "lieu": None},
        }
    street_type = nom.STREET_TYPES[address.type_voie]
    return {
        # A sole trader is entered at the address of their business.
        "adresse": {
            "nom_postal": f"{address.numero_voie} {street_type} {address.nom_voie}",
            "numero": address.numero_voie,
            "type": street_type,
            "voie": address.nom_voie,
            "ligne_1": address.complement,
            "ligne_2": address.distribution_speciale,
            "localite": address.city,
            "code_postal": address.code_postal,
            "bureau_distributeur": address.libelle_cedex,
            "pays": "FRANCE",
        },
        "nationalite": NATIONALITY,
        "nom": person.nom,
        "prenom": person.prenom,
        "naissance": {"pays": COUNTRY, "date": person.date_naissance.isoformat(), "lieu": rcs.birthplace(person)},
    }


def _personne_morale(company: Company, registration: rcs.Registration) -> dict:
    """Return the company's block of an extract: every field null for a sole trader."""
    if company.person:
        return {
            "forme_juridique": {"valeur": None, "code": None},
            "denomination": None,
            "date_cloture_exercice_comptable": None,
            "date_fin_de_vie": None,
        }
    label, code = tables.KBIS_LEGAL_FORMS[company.legal_form]
    return {
        "forme_juridique": {"valeur": label, "code": code},
        "denomination": company.raison_sociale,
        "date_cloture_exercice_comptable": registration.fiscal_year_end,
        "date_fin_de_vie": registration.lifetime_end.isoformat(),
    }


def extrait_kbis(call: Call) -> Reply:
    """Render ``GET /v3/infogreffe/rcs/unites_legales/{siren}/extrait_kbis``."""
    company, registration = _registration(call)
    radiated = registration.radiated_on
    return Reply(
        {
            "data": {
                "siren": company.siren,
                "date_radiation": radiated.isoformat() if radiated else None,
                "date_extrait": call.today.isoformat(),
                "date_immatriculation": registration.registered_on.isoformat(),
                "mandataires_sociaux": [_kbis_director(d) for d in company.directors],
                "observations": [
                    {"numero": o.numero, "libelle": o.libelle, "date": o.day.isoformat()}
                    for o in registration.observations
                ],
                "nom_commercial": company.nom_commercial,
                "etablissement_principal": {
                    "activite": company.naf_label,
                    "origine_fonds": registration.origine_fonds,
                    "mode_exploitation": "EXPLOITATION DIRECTE",
                    "code_ape": company.naf,
                },
                "capital": {
                    "montant": float(company.capital) if company.capital is not None else None,
                    "devise": "EUROS" if company.capital is not None else None,
                    "code_devise": "EUR" if company.capital is not None else None,
                },
                "greffe": {"valeur": registration.greffe.seat, "code": registration.greffe.code},
                "personne_physique": _personne_physique(company),
                "personne_morale": _personne_morale(company, registration),
            },
            "links": {},
            "meta": {},
        }
    )


def _mandataire(director: Director, registration: rcs.Registration) -> dict:
    """Return one mandataire social as the register's collection lists it."""
    person = director.person
    if person is None:
        # An auditing firm: the sandbox places it with the audited company's greffe.
        fields = {
            "numero_identification": director.siren,
            "type": "personne_morale",
            "fonction": director.fonction,
            "raison_sociale": director.raison_sociale,
            "code_greffe": registration.greffe.code,
            "libelle_greffe": registration.greffe.seat,
        }
    else:
        fields = {
            "type": "personne_physique",
            "fonction": director.fonction,
            "nom": person.nom,
            "prenom": person.prenom,
            "date_naissance": person.date_naissance.isoformat(),
            "date_naissance_timestamp": paris_timestamp(person.date_naissance),
            "lieu_naissance": rcs.birthplace(person),
            "pays_naissance": COUNTRY["valeur"],
            "code_pays_naissance": COUNTRY["code"],
            "nationalite": "FRANCAISE",
            "code_nationalite": "FR",
        }
    return fields


def mandataires_sociaux(call: Call) -> Reply:
    """Render ``GET /v3/infogreffe/rcs/unites_legales/{siren}/mandataires_sociaux``: a collection."""
    company, registration = _registration(call)
    declared = world.declared_officers(company.siren)
    if declared is not None:
        officers = list(declared)
    else:
        officers = [_mandataire(d, registration) for d in company.directors]
    people = sum(1 for officer in officers if officer["type"] == "personne_physique")
    return Reply(
        {
            "data": [{"data": officer, "links": {}, "meta": {}} for officer in officers],
            "links": {},
            "meta": {
                "personnes_physiques_count": people,
                "personnes_morales_count": len(officers) - people,
                "count": len(officers),
            },
        }
    )
