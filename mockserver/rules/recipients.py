"""The v3 rules on recipient: a SIRET, and not the identifier requested (CONTRACT §3.3).

Public bodies of ``fixtures/recipients_whitelist.json`` may look themselves up: for them the
recipient is the resource by right. The pipeline raises on these rules and the contract
violations quote them, so both read them here.
"""

import json
from functools import cache

from mockserver.paths import FIXTURES_DIR


@cache
def whitelisted_recipients() -> frozenset[str]:
    """Return the SIRENs of the public bodies allowed to be their own recipient."""
    with open(FIXTURES_DIR / "recipients_whitelist.json", encoding="utf-8") as handle:
        return frozenset(entry["siret"][:9] for entry in json.load(handle)["recipients"])


def is_the_resource(recipient: str, path_params: dict[str, str]) -> bool:
    """Tell whether ``recipient`` is the SIREN or SIRET requested, for a body not whitelisted."""
    recipient = recipient.strip()
    if recipient[:9] in whitelisted_recipients():
        return False
    siren, siret = path_params.get("siren"), path_params.get("siret")
    return bool((siren and recipient[:9] == siren.strip()) or (siret and recipient == siret.strip()))
