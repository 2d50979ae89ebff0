"""Same request, same bytes: within a process, across processes, and pinned against drift."""

import hashlib
import importlib.metadata
import json
import subprocess
import sys

import faker
import pytest

from .conftest import TRACEABILITY

PROBES = [
    "/v2/entreprises/418166096",
    "/v2/entreprises/552049447",
    "/v2/etablissements/41816609600069",
    "/v2/etablissements/35004292500031",
    "/v2/entreprises/999990054",
]

FETCH = """
import json, sys
from mockserver.http.app import create_app
from mockserver.rules.auth import preset_token
from mockserver.config import DEFAULT_SECRET
from mockserver.config import Settings
client = create_app(Settings(rate_limit_factor=0)).test_client()
token = preset_token("default", DEFAULT_SECRET)
out = {}
for path in json.loads(sys.argv[1]):
    response = client.get(path, query_string=json.loads(sys.argv[2]), headers={"Authorization": "Bearer " + token})
    out[path] = response.data.decode()
print(json.dumps(out))
"""


def fetch_in_fresh_process(seed):
    env = {"PYTHONHASHSEED": str(seed), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", FETCH, json.dumps(PROBES), json.dumps(TRACEABILITY)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return json.loads(result.stdout)


@pytest.mark.system
def test_same_bytes_from_two_separate_processes():
    assert fetch_in_fresh_process(1) == fetch_in_fresh_process(2)


def test_same_bytes_within_a_process(get):
    for path in PROBES:
        assert get(path).data == get(path).data


def test_faker_is_the_pinned_version():
    """Generated names depend on Faker's data: the version must be the one pyproject pins."""
    requirement = next(r for r in importlib.metadata.requires("api-entreprise-sandbox") if r.startswith("faker"))
    assert requirement == f"faker=={faker.VERSION}"


def test_output_fingerprint_has_not_drifted(get):
    """A change of this digest means every integrator's recorded answers change: do it on purpose only."""
    digest = hashlib.sha256()
    for index in range(50):
        digest.update(get(f"/v2/entreprises/{_siren(index)}").data)
    assert digest.hexdigest() == FINGERPRINT


def _siren(index):
    from mockserver.rules.identifiers import with_check_digit

    return with_check_digit(f"{31415926 + index * 7919:08d}")


# Moved when one SIREN in fifty became a duplicate Sirene redirects to its successor: one of the fifty,
# 318039575, now answers the 301 to its successor's number.
FINGERPRINT = "115ba84e552222f0f70582c1d28be3221025542ba82a0b6abaaafd99fec2c825"
