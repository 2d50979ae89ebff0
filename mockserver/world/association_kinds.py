"""Which kind of association a drawn association is: declared (loi 1901), of public utility, or of local law.

Drawn from a generator of its own, seeded by the SIREN, once the legal form drew "association
déclarée": some of those are recognised of public utility (9230), some are seated in
Alsace-Moselle and registered at a court under local law (9260). Both are far rarer in life;
here one association in ten is each, so that a tester meets them.
"""

from mockserver.world import nomenclatures as nom
from mockserver.world.randomness import seeded

PUBLIC_UTILITY = "9230"
PUBLIC_UTILITY_SHARE = 0.1
LOCAL_LAW_SHARE = 0.12


def association_kind(legal_form: str, siren: str) -> str:
    """Return the legal form of the unit ``siren`` drawn as ``legal_form``: an association may turn 9230 or 9260."""
    if legal_form != nom.ASSOCIATION:
        return legal_form
    # Seeded only for an association: a generator costs more to seed than to draw from.
    roll = seeded("association_kind", siren).random()
    if roll < LOCAL_LAW_SHARE:
        return nom.LOCAL_LAW_ASSOCIATION
    if roll < LOCAL_LAW_SHARE + PUBLIC_UTILITY_SHARE:
        return PUBLIC_UTILITY
    return legal_form
