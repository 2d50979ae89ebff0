"""Who owns a company, as two registers show it (``world.ownership``).

``/v3/dgfip/unites_legales/{siren}/liens_capitalistiques/{year}``: the shareholders and the
subsidiaries the company declared with its tax return of ``year`` (forms 2059-F and G);
``/v3/inpi/rne/unites_legales/{siren}/beneficiaires_effectifs``: the beneficial owners the
RNE publishes, the natural persons among the same shareholders (or, where a staging file shows
the declaration, the owners it lists, ``world.declared_owners``). A unit without capital (a
sole trader, an association) is known to neither: 404. A woman's married name (``nom_marital``,
``nom_usage``) and a hamlet in a home's address are the same in both; the return's complement to a
company's name is its acronym (sigle), as Sirene records it.
"""

from datetime import date

from mockserver import world
from mockserver.renderers.call import Call, Reply
from mockserver.renderers.current import collection, resource
from mockserver.renderers.finances_v3 import returns_of
from mockserver.rules.errors import ApiError
from mockserver.world import insee
from mockserver.world import nomenclatures as nom
from mockserver.world.entities import Address, Company
from mockserver.world.postal import ISO_COUNTRY
from mockserver.world.shareholding import (
    HAMLETS,
    DeclaredOwner,
    Ownership,
    Shareholder,
    beneficial_owners,
    home_address,
    married_name,
)

# Catégorie juridique -> the short form the tax return writes.
SHORT_FORMS = {
    "5499": "SARL",
    "5498": "EURL",
    "5485": "SELARL",
    "5202": "SNC",
    "6540": "SCI",
    "5710": "SAS",
    "5720": "SASU",
    "5599": "SA",
    "5699": "SA",
    "3120": "STE ETRANGERE",
}
CIVILITIES = {"M": "M", "F": "MME"}
# The address complements that name a place: the return writes them as the lieu-dit (it has no box for a building).
PLACE_COMPLEMENTS = frozenset({"ZONE ARTISANALE", "RESIDENCE LES PINS", *HAMLETS})


def _ownership(call: Call) -> Ownership:
    """Return the ownership of the SIREN asked for, or raise the 404 of a unit without capital."""
    ownership = world.ownership(call.path_params["siren"])
    if ownership is None:
        raise ApiError("not_found")
    return ownership


def _tax_address(address: Address) -> dict:
    """Return an address as the tax return writes it: number on four digits, street spelled out, ISO country."""
    return {
        "numero": f"{int(address.numero_voie):04d}",
        "voie": address.nom_voie if address.is_abroad else f"{nom.STREET_TYPES[address.type_voie]} {address.nom_voie}",
        "lieu_dit_hameau": address.complement if address.complement in PLACE_COMPLEMENTS else None,
        "code_postal": address.code_postal or None,
        "ville": address.city,
        "pays": ISO_COUNTRY.get(address.code_pays, "FR"),
    }


def _shareholder(holder: Shareholder, filed_on: date) -> dict:
    """Return one shareholder as the return filed on ``filed_on`` names it: a person's fields or a company's."""
    person = holder.person
    # A company is named as it stood when the return was filed, whatever name it took since.
    company = world.company_at(holder.company.siren, filed_on) if holder.company else None
    return {
        "type": "personne_physique" if person else "personne_morale",
        "pourcentage": holder.percentage,
        "nombre_parts": holder.shares,
        "personne_physique_attributes": {
            "civilite": CIVILITIES[insee.sex(person)] if person else None,
            "nom_patronymique_et_prenoms": f"{person.nom} {' '.join(p.title() for p in person.prenoms)}"
            if person
            else None,
            "nom_marital": married_name(person, insee.sex(person) == "F") if person else None,
            "date_naissance": {
                "annee": str(person.date_naissance.year) if person else None,
                "mois": f"{person.date_naissance.month:02d}" if person else None,
            },
        },
        "personne_morale_attributes": {
            "siren": company.siren if company else None,
            "denomination": company.raison_sociale if company else None,
            "complement_denomination": insee.sigle(company) if company else None,
            "forme_juridique": SHORT_FORMS[company.legal_form] if company else None,
        },
        "adresse": _tax_address(home_address(person) if person else company.head_office_address),
    }


def _count(shares: list[int]) -> dict:
    """Return how many holders of one kind there are and their shares (null when there are none)."""
    if not shares:
        return {"total_actions": None, "nombre": None}
    return {"total_actions": sum(shares), "nombre": len(shares)}


def _subsidiary(subsidiary: Company, stake: float, filed_on: date) -> dict:
    """Return one subsidiary, as it stood when the return was filed on ``filed_on``, and the stake held in it."""
    company = world.company_at(subsidiary.siren, filed_on)
    return {
        "siren": company.siren,
        "denomination": company.raison_sociale,
        "complement_denomination": insee.sigle(company),
        "forme_juridique": SHORT_FORMS[company.legal_form],
        "pourcentage_detention": stake,
        "adresse": _tax_address(company.head_office_address),
    }


def liens_capitalistiques(call: Call) -> Reply:
    """Render the capital links the company declared with its returns of ``year``.

    Production reads them from the liasse (siade DGFIP::LiensCapitalistiques): no returns that year is
    the liasses' 404, in their words. (Returns without the forms 2059-F and G would be a 404 in other
    words, "L'identifiant indiqué…"; every company of the world that files corporate-tax returns has
    a capital, so none is without them.)
    """
    _, year = returns_of(call)
    declared = world.declared_links(call.path_params["siren"], int(call.path_params["year"]))
    if declared:
        return _links(list(declared.shareholders), list(declared.subsidiaries))
    ownership = _ownership(call)
    return _links(
        [_shareholder(h, year.filed_on) for h in ownership.shareholders],
        [_subsidiary(c, stake, year.filed_on) for c, stake in ownership.subsidiaries],
    )


def _links(shareholders: list[dict], subsidiaries: list[dict]) -> Reply:
    """Return the capital links of a return: its shareholders, counted by kind, and its subsidiaries."""
    by_kind = {
        kind: [h["nombre_parts"] for h in shareholders if h["type"] == kind]
        for kind in ("personne_physique", "personne_morale")
    }
    return resource(
        {
            "capital": {
                "actionnaires": shareholders,
                "repartition": {
                    "personnes_physiques": _count(by_kind["personne_physique"]),
                    "personnes_morales": _count(by_kind["personne_morale"]),
                },
                "depose_neant": not shareholders,
            },
            "participations": {
                "filiales": subsidiaries,
                "nombre_filiales": len(subsidiaries),
                "depose_neant": not subsidiaries,
            },
        }
    )


def _owner(holder: Shareholder, representative: bool) -> dict:
    """Return one beneficial owner and how it controls the company."""
    person = holder.person
    full = round(holder.percentage - holder.bare_ownership, 1)
    indirect = {"total": 0.0, "pleine_propriete": 0.0, "nue_propriete": 0.0}
    return {
        "beneficiaire_uuid": holder.uuid,
        "nom": person.nom,
        "nom_usage": married_name(person, insee.sex(person) == "F"),
        "prenoms": list(person.prenoms),
        "date_naissance": {"annee": str(person.date_naissance.year), "mois": f"{person.date_naissance.month:02d}"},
        "nationalite": holder.nationality,
        "pays_residence": holder.residence,
        "modalites": {
            "detention_de_capital": {
                "parts_totale": holder.percentage,
                "parts_directes": {
                    "detention": True,
                    "pleine_propriete": full,
                    "nue_propriete": holder.bare_ownership,
                },
                "parts_indirectes": {
                    "detention": False,
                    "par_indivision": dict(indirect),
                    "via_personnes_morales": dict(indirect),
                },
            },
            "vocation_a_devenir_titulaire_de_parts": {
                "parts_directes": {"pleine_propriete": 0.0, "nue_propriete": 0.0},
                "parts_indirectes": {"par_indivision": dict(indirect), "via_personnes_morales": dict(indirect)},
            },
            "droits_de_vote": {
                "total": holder.percentage,
                "directes": {
                    "detention": True,
                    "pleine_propriete": full,
                    "nue_propriete": holder.bare_ownership,
                    "usufruit": 0.0,
                },
                "indirectes": {
                    "detention": False,
                    "par_indivision": {**indirect, "usufruit": 0.0},
                    "via_personnes_morales": {**indirect, "usufruit": 0.0},
                },
            },
            "pouvoirs_de_controle": {
                "decision_ag": holder.percentage > 50,
                "nommage_membres_conseil_administratif": holder.percentage > 50,
                "autres": False,
            },
            "representant_legal": representative,
            "representant_legal_placement_sans_gestion_deleguee": False,
        },
    }


def _declared(owner: DeclaredOwner) -> dict:
    """Return one beneficial owner as the RNE's declaration lists it."""
    year, month = owner.born.split("-")
    return {
        "beneficiaire_uuid": owner.uuid,
        "nom": owner.nom,
        "nom_usage": owner.nom_usage,
        "prenoms": list(owner.prenoms),
        "date_naissance": {"annee": year, "mois": month},
        "nationalite": owner.nationality,
        "pays_residence": owner.residence,
        "modalites": owner.modalities,
    }


def beneficiaires_effectifs(call: Call) -> Reply:
    """Render the company's beneficial owners: the ones its declaration lists, else those its shareholders make."""
    declared = world.declared_owners(call.path_params["siren"])
    if declared:
        items = [_declared(owner) for owner in declared]
        return collection(items, meta={"count": len(items), "beneficiaires_sans_modalites_uuids": []})
    # The stakes are the drawn ones; the legal representative is the one in office on the request's day.
    ownership = world.ownership_at(call.path_params["siren"], call.today)
    if ownership is None:
        raise ApiError("not_found")
    owners = beneficial_owners(ownership)
    if not owners:
        raise ApiError("not_found")
    items = [_owner(h, h.person == ownership.representative) for h in owners]
    # Every owner the sandbox publishes comes with its modalities: none is listed without them.
    return collection(items, meta={"count": len(items), "beneficiaires_sans_modalites_uuids": []})
