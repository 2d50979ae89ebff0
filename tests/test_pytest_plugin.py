"""The pytest plugin, run the way integrators run it, with pytest's own pytester.

A deliberately faulty client (forgets recipient, ignores Retry-After, crashes on 451, and
checks the digits of a SIREN but not its Luhn checksum) must fail its tests with the right
report and matrix; the example client must pass; a project
that does not use the fixture must not even import the sandbox.
"""

import re
import time
import urllib.request
from pathlib import Path

import pytest

from mockserver.config import Settings
from mockserver.kit.sandbox import SandboxServer

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DOCUMENTATION = ROOT / "docs" / "kit-python.md"

FAULTY_CLIENT = """
import requests


class NotFound(Exception):
    pass


class Unavailable(Exception):
    pass


class FaultyClient:
    def __init__(self, base_url, token):
        self.base_url = base_url
        self.headers = {"Authorization": f"Bearer {token}"}

    def company_name(self, siren):
        if not (len(siren) == 9 and siren.isdigit()):
            raise ValueError(siren)
        params = {"context": "aides publiques", "recipient": "13002526500013", "object": "dossier 42"}
        for _ in range(3):
            try:
                response = requests.get(
                    f"{self.base_url}/v2/entreprises/{siren}", params=params, headers=self.headers, timeout=1
                )
            except requests.Timeout:
                raise Unavailable("timeout")
            if response.status_code == 429:
                continue  # bug: retries at once, whatever Retry-After says
            if response.status_code == 404:
                raise NotFound(siren)
            if response.status_code >= 500:
                raise Unavailable(response.status_code)
            return response.json()["entreprise"]["raison_sociale"]  # bug: a 451 has no "entreprise"
        raise Unavailable("rate-limited")

    def establishment_city(self, siret):
        params = {"context": "aides publiques", "object": "dossier 42"}  # bug: no recipient
        response = requests.get(
            f"{self.base_url}/v2/etablissements/{siret}", params=params, headers=self.headers, timeout=1
        )
        if response.status_code != 200:
            return None
        return response.json()["etablissement"]["adresse"]["localite"]
"""

FAULTY_TESTS = """
import pytest
from faulty_client import FaultyClient, NotFound, Unavailable


@pytest.mark.api_entreprise_matrix("entreprises", timeout=1)
def test_company_name(api_entreprise):
    client = FaultyClient(api_entreprise.base_url, api_entreprise.token)
    try:
        name = client.company_name(api_entreprise.identifier("siren"))
    except (NotFound, Unavailable, ValueError):
        return
    assert name


def test_mistyped_siren(api_entreprise):
    client = FaultyClient(api_entreprise.base_url, api_entreprise.token)
    assert client.company_name("418166097") is None


def test_establishment_city(api_entreprise):
    client = FaultyClient(api_entreprise.base_url, api_entreprise.token)
    city = client.establishment_city(api_entreprise.identifier("siret"))
    assert city is None or isinstance(city, str)
"""

MISSING_RECIPIENT_REPORT = [
    "*test_establishment_city*",
    "API Entreprise contract: 1 violation(s) in 1 request(s) of this test.",
    "The sandbox answered them; the real API has rules your client broke:",
    "[[]1] GET /v2/etablissements/41816609600051?context=aides publiques&object=dossier 42",
    "    sandbox answered 422",
    "    - rule: context, recipient and object are mandatory on every data route (missing_traceability)",
    "      what: missing or blank: recipient",
    '      real API: 422 {"errors":["Le paramètre recipient est obligatoire"]}',
    "      fix: Send all three, non-blank:*",
]
RETRY_AFTER_REPORT = [
    "*test_company_name?rate_limited?*",
    "API Entreprise contract: 1 violation(s) in 1 request(s) of this test.",
    "[[]1] GET /v2/entreprises/418166096?context=aides publiques&recipient=13002526500013&object=dossier 42",
    "    sandbox answered 200",
    "    - rule: after a 429, wait Retry-After seconds before calling the group again (retry_after_ignored)",
    "      what: sent before the Retry-After of a 429 elapsed",
    '      real API: 429 {"errors":["Vous avez effectué trop de requêtes"]}',
]
INVALID_IDENTIFIER_REPORT = [
    "*test_mistyped_siren*",
    "[[]1] GET /v2/entreprises/418166097?context=aides publiques&recipient=13002526500013&object=dossier 42",
    "    sandbox answered 422",
    "    - rule: identifiers are checked (digits, Luhn checksum) before any provider is asked (invalid_identifier)",
    "      what: siren '418166097' is not a valid siren",
    '      real API: 422 {"errors":["Le numéro de siren n\'est pas correctement formatté"],"gateway_error":true}',
    "*The test itself failed too:*",
    "*KeyError: 'entreprise'",
]
MATRIX_SUMMARY = [
    "*= API Entreprise scenario matrix =*",
    "test_faulty.py::test_company_name on entreprises: survived 8 of 12 scenarios",
    "  survived      200  nominal",
    # The column plays the API's 422 to a mistyped SIREN: sending it is allowed, crashing on the answer is not.
    "  NOT SURVIVED  422  invalid_identifier     KeyError: 'entreprise'",
    "  survived      200  slow_provider",
    "  survived      206  partial_content",
    "  survived      301  redirected",
    "  survived      404  not_found",
    "  NOT SURVIVED  429  rate_limited           broke the contract: retry_after_ignored",
    "  NOT SURVIVED  451  never_diffused         KeyError: 'entreprise'",
    "  NOT SURVIVED  451  non_diffusible         KeyError: 'entreprise'",
    "  survived      502  provider_error",
    "  survived      503  provider_unavailable",
    "  survived      504  provider_timeout",
]


def test_a_faulty_client_fails_with_the_report_and_the_matrix(pytester, monkeypatch):
    # An access log asked for in the environment stays off in the plugin's server.
    monkeypatch.setenv("MOCKSERVER_ACCESS_LOG", "text")
    pytester.makepyfile(faulty_client=FAULTY_CLIENT, test_faulty=FAULTY_TESTS)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=8, failed=6)
    result.stdout.fnmatch_lines(MISSING_RECIPIENT_REPORT, consecutive=False)
    result.stdout.fnmatch_lines(RETRY_AFTER_REPORT, consecutive=False)
    result.stdout.fnmatch_lines(INVALID_IDENTIFIER_REPORT, consecutive=False)
    result.stdout.fnmatch_lines(
        ["*test_company_name?non_diffusible?*", "E*KeyError: 'entreprise'", "faulty_client.py:*: KeyError"]
    )
    result.stdout.fnmatch_lines(MATRIX_SUMMARY)
    # The reports show the journal's requests, not the access log of the plugin's own server.
    result.stdout.no_fnmatch_line("*Captured stdout*")
    result.stdout.no_fnmatch_line('*"GET /v2/*HTTP/1.1"*')


def test_the_example_client_survives_every_scenario(pytester):
    pytester.makepyfile(
        entreprise_client=(EXAMPLES / "entreprise_client.py").read_text(),
        test_example="""
import pytest
from entreprise_client import ApiEntrepriseClient, ApiEntrepriseError


@pytest.mark.api_entreprise_matrix("entreprises", timeout=0.5)
def test_company(api_entreprise):
    client = ApiEntrepriseClient(
        api_entreprise.base_url, api_entreprise.token,
        context="aides publiques", recipient="13002526500013", object="dossier 42", timeout=0.5,
    )
    try:
        client.company(api_entreprise.identifier("siren"))
    except ApiEntrepriseError:
        assert api_entreprise.scenario not in ("nominal", "redirected", "partial_content", "rate_limited")
""",
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=12)
    result.stdout.fnmatch_lines(["test_example.py::test_company on entreprises: survived 12 of 12 scenarios"])
    result.stdout.no_fnmatch_line("*NOT SURVIVED*")


ORDINARY_CLIENT = """
import time

import requests


class Client:
    \"\"\"Read companies; no check of its own on identifiers: the API's 422 is one more error.\"\"\"

    class Error(Exception):
        pass

    def __init__(self, base_url, token, recipient, timeout=5):
        self.base_url, self.timeout = base_url, timeout
        self.headers = {"Authorization": f"Bearer {token}"}
        self.params = {"context": "aides publiques", "recipient": recipient, "object": "dossier 42"}

    def company(self, siren):
        for _ in range(2):
            try:
                response = requests.get(
                    f"{self.base_url}/v3/insee/sirene/unites_legales/{siren}", params=self.params,
                    headers=self.headers, timeout=self.timeout,
                )
            except requests.RequestException as error:
                raise self.Error(error) from error
            if response.status_code == 429:
                time.sleep(int(response.headers["Retry-After"]))
                continue
            if response.status_code == 200:
                return response.json()["data"]
            raise self.Error(response.status_code)
        raise self.Error("rate-limited")
"""


def documented_matrix_example() -> str:
    """Return the scenario-matrix example of the integrator's documentation, as written there."""
    blocks = re.findall(r"```python\n(.*?)```", DOCUMENTATION.read_text(encoding="utf-8"), re.S)
    return next(block for block in blocks if "api_entreprise_matrix" in block)


def test_the_documented_matrix_example_passes_for_an_ordinary_client(pytester):
    pytester.mkpydir("myapp")
    pytester.path.joinpath("myapp", "api_entreprise.py").write_text(ORDINARY_CLIENT)
    pytester.makepyfile(test_documented=documented_matrix_example())
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=12)
    result.stdout.fnmatch_lines(
        ["test_documented.py::* on api_entreprise_v3_insee_unites_legales: survived 12 of 12 scenarios"]
    )


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        ('"entreprise"', "unknown route 'entreprise' (did you mean 'entreprises'?)"),
        ('"api_entreprise_v3_insee_unite_legale"', "(did you mean 'api_entreprise_v3_insee_unites_legales'?)"),
        ('"zzz"', "unknown route 'zzz'; the route names are listed by GET /__admin/routes"),
        ('"entreprises", timout=5', "api_entreprise_matrix takes route names and timeout=, not ['timout']"),
    ],
)
def test_a_mistyped_matrix_marker_stops_with_one_line_naming_the_nearest_route(pytester, marker, message):
    pytester.makepyfile(
        test_typo=f"""
import pytest


@pytest.mark.api_entreprise_matrix({marker})
def test_lookup(api_entreprise):
    pass


def test_other():
    pass
"""
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    # The mistyped test errors; the session goes on with the others.
    result.assert_outcomes(errors=1, passed=1)
    assert message in result.stdout.str()
    assert "Traceback" not in result.stdout.str() and "PluggyTeardownRaisedWarning" not in result.stdout.str()


@pytest.mark.system
def test_a_project_without_the_fixture_does_not_load_the_sandbox(pytester):
    pytester.makepyfile(
        """
import sys


def test_plain():
    assert "mockserver.kit.pytest_plugin" in sys.modules
    assert not [name for name in ("mockserver.kit.sandbox", "mockserver.http.app", "flask") if name in sys.modules]
"""
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:schemathesis")
    result.assert_outcomes(passed=1)


def test_the_report_shows_the_route_a_mistyped_url_was_nearest(pytester):
    pytester.makepyfile(
        test_typo="""
import requests


def test_unite_legale(api_entreprise):
    params = {"context": "aides publiques", "recipient": "13002526500013", "object": "dossier 42"}
    response = requests.get(
        f"{api_entreprise.base_url}/v3/insee/sirene/unite_legales/418166096",
        params=params,
        headers={"Authorization": f"Bearer {api_entreprise.token}"},
        timeout=5,
    )
    assert response.status_code == 404
    (miss,) = api_entreprise.near_misses()
    assert miss["near_miss"]["endpoint"] == "api_entreprise_v3_insee_unites_legales"
"""
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*test_unite_legale*",
            "API Entreprise contract: 1 violation(s) in 1 request(s) of this test.",
            "[[]1] GET /v3/insee/sirene/unite_legales/418166096?context=aides publiques&*",
            "    sandbox answered 404",
            "    nearest route: GET /v3/insee/sirene/unites_legales/{siren} (api_entreprise_v3_insee_unites_legales): "
            "segment 'unite_legales' should be 'unites_legales'",
            "    - rule: the API answers only the routes of its catalogue, with GET (unknown_route)",
        ],
        consecutive=False,
    )


def test_the_settings_fixture_can_be_overridden(pytester):
    pytester.makeconftest(
        """
import pytest
from mockserver.config import Settings


@pytest.fixture(scope="session")
def api_entreprise_settings():
    return Settings.from_env(access_log="off", jwt_secret="the-project-own-secret")
"""
    )
    pytester.makepyfile(
        """
import jwt


def test_signed_with_the_overridden_secret(api_entreprise):
    assert jwt.decode(api_entreprise.token, "the-project-own-secret", algorithms=["HS256"])["sub"].startswith("sandbox")
"""
    )
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_the_sandbox_stops_at_once_after_its_last_request():
    server = SandboxServer(Settings(access_log="off"))
    with urllib.request.urlopen(f"{server.base_url}/v3/ping", timeout=5) as answer:
        assert answer.status == 200
    started = time.monotonic()
    server.stop()
    # The server's loop looks whether it was asked to stop between two waits for a request: socketserver's half
    # second by default, which every session's end would wait.
    assert time.monotonic() - started < 0.25
    assert not server.thread.is_alive()
