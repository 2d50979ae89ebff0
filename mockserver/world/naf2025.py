"""The NAF 2025 sous-classes and the way to them from the world's NAF rév. 2 codes.

INSEE's records carry both nomenclatures since its switch to NAF 2025; the world draws an
activity in NAF rév. 2 and reads its NAF 2025 code through the correspondence of
``fixtures/naf2025.json`` (derived by ``python -m tests.naf2025`` from the list production ships).
v4 reads it from ``SWITCH_DAY`` on: an event of every unit's timeline, as production's answers changed that day.
"""

import json
from datetime import date

from mockserver.paths import FIXTURES_DIR

NOMENCLATURE = "NAF2025"
# Production's label for a code its list does not hold (``Referentials::ActivitePrincipale``).
UNLISTED = "non référencé"
# The day production's v4 INSEE answers moved their activity to NAF 2025 (datagouv/apistration f37100de5, e4d56cc38,
# all of 2025-12-10): before it, v4 gave NAF rév. 2 in both fields, as the staging files recorded then show.
SWITCH_DAY = date(2025, 12, 10)

with open(FIXTURES_DIR / "naf2025.json", encoding="utf-8") as _handle:
    _TABLE = json.load(_handle)
LABELS: dict[str, str] = _TABLE["labels"]
FROM_NAF_REV2: dict[str, str] = _TABLE["from_naf_rev2"]


def code(naf_rev2: str) -> str | None:
    """Return the NAF 2025 sous-classe an activity in NAF rév. 2 (``6201Z``) went to, if the table has it."""
    return FROM_NAF_REV2.get(naf_rev2)


def label(naf2025: str | None) -> str:
    """Return a NAF 2025 sous-classe's label, or production's "non référencé"."""
    return LABELS.get(naf2025, UNLISTED)


def in_force(day: date) -> bool:
    """Tell whether v4 reads the activity in NAF 2025 on ``day``."""
    return day >= SWITCH_DAY
