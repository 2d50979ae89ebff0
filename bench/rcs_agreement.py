"""Count the SIRENs whose trade-register answers contradict each other, v2 against v3.

For random SIRENs, compare ``/v2/extraits_rcs_infogreffe`` with the v3 ``extrait_kbis``
(registered or not, registration day) and the Kbis's greffe with the one ``/v2/actes_inpi``
names, through the application in-process. Usage: ``python bench/rcs_agreement.py [count] [seed]``.
"""

import random
import sys

from mockserver.config import DEFAULT_SECRET, Settings
from mockserver.http.app import create_app
from mockserver.rules.auth import preset_token
from mockserver.rules.identifiers import with_check_digit

QUERY = {"context": "test", "recipient": "13002526500013", "object": "test"}


def main(count: int, seed: int) -> None:
    """Print how many of ``count`` random SIRENs disagree on registration, its day and the greffe."""
    client = create_app(Settings(rate_limit_factor=0)).test_client()
    headers = {"Authorization": "Bearer " + preset_token("default", DEFAULT_SECRET)}
    rng = random.Random(seed)
    registration = day = greffe = 0
    for _ in range(count):
        siren = with_check_digit(f"{rng.randint(10000000, 99999999):08d}")
        v2 = client.get(f"/v2/extraits_rcs_infogreffe/{siren}", query_string=QUERY, headers=headers)
        v3 = client.get(f"/v3/infogreffe/rcs/unites_legales/{siren}/extrait_kbis", query_string=QUERY, headers=headers)
        acts = client.get(f"/v2/actes_inpi/{siren}", query_string=QUERY, headers=headers)
        if (v2.status_code == 200) != (v3.status_code == 200):
            registration += 1
        elif v2.status_code == 200 and v2.json["date_immatriculation"] != v3.json["data"]["date_immatriculation"]:
            day += 1
        if v3.status_code == 200 and acts.status_code == 200:
            greffe += int(v3.json["data"]["greffe"]["code"]) != acts.json["actes"][0]["code_greffe"]
    print(
        f"{count} SIRENs: registered on one version only {registration}, registered on different days {day}, "
        f"greffe of the Kbis not the INPI's {greffe}"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000, int(sys.argv[2]) if len(sys.argv) > 2 else 2026)
