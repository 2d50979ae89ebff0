"""The rarer parts of a postal address: a repetition index, a special delivery, a CEDEX, a foreign country.

Drawn from a generator of their own, seeded by the identifier of what the address belongs
to, so that adding them moved no street, commune or name: a few addresses gain a "bis",
a post-office box or a company mailbox (CS, "course spéciale"), and most of those a CEDEX,
whose code is the commune's postcode with a distribution number and whose label is the
commune's followed by "CEDEX". A few secondary establishments are abroad (a branch in
London, Brussels, Geneva...), and so is the head office of a few companies of foreign law:
Sirene gives them a foreign commune and country, no French postcode nor commune code.
"""

import random
from dataclasses import replace

from mockserver.world.entities import Address
from mockserver.world.randomness import Weights, weighted

REPETITION_SHARE = 0.06
REPETITION_WEIGHTS = Weights({"B": 8, "T": 2, "Q": 1})
SPECIAL_DELIVERY_SHARE = 0.08
# Of the addresses with a special delivery, those a CEDEX serves.
CEDEX_SHARE = 0.8
SPECIAL_DELIVERY_KINDS = Weights({"BP": 6, "CS": 4})
# Of the secondary establishments, those abroad.
ABROAD_SHARE = 0.06
# Foreign sites: city, street, country (INSEE's code, ISO 3166 code, label).
FOREIGN_SITES = (
    ("LONDRES", "OXFORD STREET", "99132", "GB", "ROYAUME-UNI"),
    ("BRUXELLES", "RUE NEUVE", "99131", "BE", "BELGIQUE"),
    ("GENEVE", "RUE DU RHONE", "99140", "CH", "SUISSE"),
    ("MILAN", "VIA TORINO", "99127", "IT", "ITALIE"),
    ("BARCELONE", "CARRER DE BALMES", "99134", "ES", "ESPAGNE"),
    ("LUXEMBOURG", "AVENUE DE LA LIBERTE", "99137", "LU", "LUXEMBOURG"),
    ("FRANCFORT", "KAISERSTRASSE", "99109", "DE", "ALLEMAGNE"),
)
ISO_COUNTRY = {insee: iso for _, _, insee, iso, _ in FOREIGN_SITES}


def with_postal_extras(address: Address, rng: random.Random) -> Address:
    """Return ``address`` with the rarer parts it draws from ``rng``: most draw none."""
    repetition = weighted(rng, REPETITION_WEIGHTS) if rng.random() < REPETITION_SHARE else None
    delivery = cedex = None
    if rng.random() < SPECIAL_DELIVERY_SHARE:
        delivery = f"{weighted(rng, SPECIAL_DELIVERY_KINDS)} {rng.randint(10, 99_999)}"
        if rng.random() < CEDEX_SHARE:
            # A CEDEX code keeps the department's digits and numbers the distribution office.
            cedex = f"{address.code_postal[:2]}{rng.randint(900, 999)}"
    if repetition is None and delivery is None:
        return address
    return replace(address, indice_repetition=repetition, distribution_speciale=delivery, code_cedex=cedex)


def abroad_or_not(address: Address, rng: random.Random) -> Address:
    """Return ``address``, or, for a few secondary establishments, a foreign one drawn from ``rng``."""
    if rng.random() >= ABROAD_SHARE:
        return address
    return foreign_address(address, rng)


def foreign_address(address: Address, rng: random.Random) -> Address:
    """Return an address abroad drawn from ``rng``, at the street number of ``address``."""
    city, street, code_pays, _, pays = rng.choice(FOREIGN_SITES)
    return Address(
        numero_voie=address.numero_voie,
        type_voie=address.type_voie,
        nom_voie=street,
        complement=None,
        code_postal="",
        code_insee="",
        localite=city,
        region_code="",
        code_pays=code_pays,
        pays=pays,
    )
