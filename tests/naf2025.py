"""Derive ``fixtures/naf2025.json``: the NAF 2025 sous-classes and the way there from NAF rév. 2.

Production's v4 INSEE routes label ``activite_principale`` from INSEE's list of the NAF 2025
sous-classes, which it ships as ``siade/lib/referentials/files/NAF2025.csv`` (columns: the
NACE Rev. 2.1 class, the NAF 2025 sous-classe, its label). The sandbox's world draws NAF rév. 2
codes; ``CORRESPONDENCE`` takes each sous-classe it draws to its logical NAF 2025 successor in
INSEE's table de passage NAF rév. 2 → NAF 2025 (the sous-classe with the same label, else the one
the old activity mainly went to).

``python -m tests.naf2025 [CSV]`` writes the fixture again from that CSV (by default read from the
mirror of production's repository, ``$APISTRATION_GIT``), and fails when a correspondence names a
code the list lacks or when a NAF rév. 2 code of the world has no correspondence.
"""

import argparse
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "naf2025.json"
MIRROR = os.environ.get("APISTRATION_GIT", "/work/.mirror/datagouv+apistration/repo")
CSV_IN_MIRROR = "HEAD:siade/lib/referentials/files/NAF2025.csv"

# NAF rév. 2 sous-classe (as the world writes it) -> NAF 2025 sous-classe.
CORRESPONDENCE = {
    "0111Z": "01.11Y",
    "0121Z": "01.21Y",
    "0150Z": "01.50Y",
    "1071C": "10.71H",
    "2511Z": "25.11Y",
    "3511Z": "35.11Y",
    "4120A": "41.00G",
    "4120B": "41.00H",
    "4211Z": "42.11Y",
    "4221Z": "42.21Y",
    "4321A": "43.21G",
    "4322A": "43.22G",
    "4322B": "43.22H",
    "4332A": "43.32G",
    "4334Z": "43.34G",
    "4391B": "43.41H",
    "4399C": "43.91Y",
    "4520A": "95.31G",
    "4690Z": "46.90Y",
    "4711D": "47.11J",
    "4724Z": "47.24Y",
    "4791A": "47.12H",
    "4910Z": "49.11Y",
    "4941A": "49.41G",
    "5510Z": "55.10Y",
    "5610A": "56.11G",
    "5610C": "56.11J",
    "6201Z": "62.10Y",
    "6202A": "62.20G",
    "6312Z": "60.39Y",
    "6820B": "68.20H",
    "6910Z": "69.10Y",
    "6920Z": "69.20Y",
    "7022Z": "70.20Y",
    "7111Z": "71.11Y",
    "7112B": "71.12Y",
    "7311Z": "73.11Y",
    "7410Z": "74.14Y",
    "8130Z": "81.30Y",
    "8411Z": "84.11Y",
    "8559A": "85.59G",
    "8621Z": "86.21Y",
    "8810A": "88.10G",
    "8899B": "88.99H",
    "9001Z": "90.20Y",
    "9312Z": "93.12Y",
    "9499Z": "94.99Y",
    "9602A": "96.21G",
    # A NAF 1993 code a curated entity still carries (SCI Sergent): letting other real estate.
    "702C": "68.20H",
}


def labels(text: str) -> dict[str, str]:
    """Return the sous-classes of the official CSV, code -> label, as production reads them (stripped)."""
    rows = csv.reader(io.StringIO(text))
    next(rows)
    return {row[1].strip(): row[2].strip() for row in rows if row[1].strip()}


def build(text: str, world_codes: list[str]) -> dict:
    """Return the fixture; raise ``ValueError`` when the correspondence and the list disagree."""
    table = labels(text)
    unknown = sorted(code for code in CORRESPONDENCE.values() if code not in table)
    missing = sorted(set(world_codes) - set(CORRESPONDENCE))
    if unknown or missing:
        raise ValueError(f"NAF 2025 codes absent from the list: {unknown}; world codes without one: {missing}")
    return {"labels": table, "from_naf_rev2": dict(sorted(CORRESPONDENCE.items()))}


def read_csv(path: str | None) -> str:
    """Return the official CSV's text, from a file or from the mirror of production's repository."""
    if path:
        return Path(path).read_text(encoding="utf-8")
    command = ["git", f"--git-dir={MIRROR}", "show", CSV_IN_MIRROR]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def main(argv: list[str] | None = None) -> int:
    """Write ``fixtures/naf2025.json`` again; exit 1 when it was stale."""
    from mockserver.world import nomenclatures

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="?", help="NAF2025.csv (default: read from the mirror of production's repository)")
    args = parser.parse_args(argv)
    text = json.dumps(build(read_csv(args.csv), list(nomenclatures.NAF)), ensure_ascii=False, indent=1) + "\n"
    stale = not FIXTURE.exists() or FIXTURE.read_text(encoding="utf-8") != text
    FIXTURE.write_text(text, encoding="utf-8")
    print(f"{FIXTURE.relative_to(ROOT)} {'written again (it was stale)' if stale else 'up to date'}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
