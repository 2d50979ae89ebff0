"""Where the conformance suite points, and the schemathesis schemas it loads.

Without ``API_ENTREPRISE_BASE_URL`` the suite runs in-process against a fresh application
(the WSGI app, no network), loading the OpenAPI document the app serves; with it, it sends
real HTTP requests to that base URL, described by the documents this package generates —
so pointing it at the real staging compares production with the sandbox's contract.
``API_ENTREPRISE_TOKEN`` is the token to send (the sandbox's default preset otherwise).
Generation is bounded and seeded: the same run every time.
"""

import os

import schemathesis
from hypothesis import strategies as st

from mockserver.config import DEFAULT_SECRET, Settings
from mockserver.http.app import create_app
from mockserver.http.openapi import document
from mockserver.rules.auth import preset_token
from mockserver.rules.identifiers import MAX_LIMIT, RNA_FORMAT, with_check_digit

BASE_URL = os.environ.get("API_ENTREPRISE_BASE_URL") or None
TOKEN = os.environ.get("API_ENTREPRISE_TOKEN") or preset_token("default", DEFAULT_SECRET)
SEED = 20250630
MAX_EXAMPLES = int(os.environ.get("API_ENTREPRISE_MAX_EXAMPLES", "25"))
# In-process: the real limits x20, so that generated traffic is not all 429 (the rate_limited
# scenario still plays them); no wait on the slow provider.
APP_SETTINGS = Settings(rate_limit_factor=20, slow_provider_seconds=0)

# Identifiers JSON Schema cannot describe (the Luhn checksum, a numeric range): generated valid, by format.
SIREN = st.from_regex(r"\A[0-9]{8}\Z").map(with_check_digit)
SIRET = st.from_regex(r"\A[0-9]{13}\Z").map(with_check_digit)
RNA = st.from_regex(f"\\A{RNA_FORMAT.pattern}\\Z")
schemathesis.openapi.format("siren", SIREN)
schemathesis.openapi.format("siret", SIRET)
schemathesis.openapi.format("siret_or_rna", st.one_of(SIRET, RNA))
schemathesis.openapi.format("siren_or_rna", st.one_of(SIREN, RNA))
schemathesis.openapi.format("limit", st.integers(1, MAX_LIMIT).map(str))


@schemathesis.hook
def filter_path_parameters(context, path_parameters) -> bool:
    """Keep the values a route can take: one starting with "." leaves its segment empty before a format suffix.

    Rails reads ``.xyz`` at the end of a path as its format, and a segment holds at least one character: such a
    URL matches no route, so its answer is not the operation's.
    """
    return not any(str(value).startswith(".") for value in (path_parameters or {}).values())


def config(name: str) -> schemathesis.Config:
    """Return the run's configuration for the document ``name``: seed, bounds, credentials."""
    schemes = document(name)["components"]["securitySchemes"]
    credentials = {"bearer": {"bearer": TOKEN}, "token_query": {"api_key": TOKEN}}
    settings = {
        "seed": SEED,
        "generation": {"max-examples": MAX_EXAMPLES, "database": "none"},
        "auth": {"openapi": {scheme: credentials[scheme] for scheme in schemes}},
        "request-timeout": 15,
    }
    if BASE_URL:
        settings["base-url"] = BASE_URL
    return schemathesis.Config.from_dict(settings)


def load(name: str, app=None):
    """Return the schemathesis schema of the document ``name`` for the suite's target."""
    if BASE_URL:
        return schemathesis.openapi.from_dict(document(name), config=config(name))
    return schemathesis.openapi.from_wsgi(f"/openapi/{name}.json", app or create_app(APP_SETTINGS), config=config(name))
