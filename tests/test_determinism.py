"""Same request, same bytes: within a process, across processes, and pinned against drift."""

import hashlib
import importlib.metadata
import json
import subprocess
import sys

import faker
import pytest

from mockserver.config import Settings
from mockserver.http.app import create_app

from .helpers import FETCH_IN_A_FRESH_PROCESS, PINNED, TRACEABILITY

PROBES = [
    "/v2/entreprises/418166096",
    "/v2/entreprises/552049447",
    "/v2/etablissements/41816609600069",
    "/v2/etablissements/35004292500031",
    "/v2/entreprises/999990054",
]

PAST = "2023-03-15T12:00:00+01:00"


def fetch_in_fresh_process(seed, tz, instant=PINNED):
    env = {"PYTHONHASHSEED": str(seed), "PATH": "/usr/bin:/bin", "TZ": tz}
    result = subprocess.run(
        [sys.executable, "-c", FETCH_IN_A_FRESH_PROCESS, json.dumps(PROBES), json.dumps(TRACEABILITY), instant],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return json.loads(result.stdout)


@pytest.mark.system
def test_same_bytes_from_two_separate_processes_at_the_same_instant():
    """Another hash seed and another time zone: the same bytes, for a pinned day and for an instant."""
    assert fetch_in_fresh_process(1, "UTC") == fetch_in_fresh_process(2, "Pacific/Auckland")
    instant = "2023-03-15T23:30:00+01:00"
    assert fetch_in_fresh_process(3, "America/New_York", instant) == fetch_in_fresh_process(4, "Asia/Tokyo", instant)


def test_same_bytes_within_a_process(get):
    for path in PROBES:
        assert get(path).data == get(path).data


def test_faker_is_the_pinned_version():
    """Generated names depend on Faker's data: the version must be the one pyproject pins."""
    requirement = next(r for r in importlib.metadata.requires("api-entreprise-sandbox") if r.startswith("faker"))
    assert requirement == f"faker=={faker.VERSION}"


def test_output_fingerprint_has_not_drifted(token):
    """A change of this digest means every integrator's recorded answers change: do it on purpose only."""
    client = create_app(Settings(rate_limit_factor=0, clock=PINNED)).test_client()
    digest = hashlib.sha256()
    for index in range(50):
        path = f"/v2/entreprises/{_siren(index)}"
        digest.update(client.get(path, query_string=TRACEABILITY, headers={"Authorization": f"Bearer {token}"}).data)
    assert digest.hexdigest() == FINGERPRINT


def test_output_fingerprint_of_a_past_instant_has_not_drifted(token):
    """The timeline read in the past: INSEE and the Kbis of fifty SIRENs on 2023-03-15 (404: not created yet)."""
    client = create_app(Settings(rate_limit_factor=0, clock=PINNED)).test_client()
    headers = {"Authorization": f"Bearer {token}", "X-Mock-Clock": PAST}
    digest = hashlib.sha256()
    for index in range(50):
        for path in ("/v3/insee/sirene/unites_legales/{}", "/v3/infogreffe/rcs/unites_legales/{}/extrait_kbis"):
            digest.update(client.get(path.format(_siren(index)), query_string=TRACEABILITY, headers=headers).data)
    assert digest.hexdigest() == PAST_FINGERPRINT


def _siren(index):
    from mockserver.rules.identifiers import with_check_digit

    return with_check_digit(f"{31415926 + index * 7919:08d}")


# Moved when one SIREN in fifty became a duplicate Sirene redirects to its successor: one of the fifty,
# 318039575, now answers the 301 to its successor's number.
FINGERPRINT = "115ba84e552222f0f70582c1d28be3221025542ba82a0b6abaaafd99fec2c825"
# Set when the world became a timeline read at an instant (the digest above, on the day it was pinned to,
# did not move): the same fifty read on 2023-03-15.
PAST_FINGERPRINT = "1d4b096d425ceee9f806bb85ae99d66fe696c5fc06e7876e050e28fd0b6295a0"
