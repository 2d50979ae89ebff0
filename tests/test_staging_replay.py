"""Production's staging answers replayed against the sandbox, from ``tests/staging_payloads.json`` alone.

Production's staging answers from payload files (datagouv/apistration ``mocks/payloads``); an
integrator's cassettes and assertions were recorded against them. Every case whose identifiers
pass production's validation must answer the file's status (production's code decides where a
file contradicts it: ``PRODUCTION_WINS``) and, for a 200, the file's body, less the values that
carry the clock of the call. A 200 body that differs is listed with its reason in docs/fidelity.md
(``DIFFERENCES_HEADING``); the ratio of identical bodies is printed (``pytest -s``).
"""

import re

import pytest

from mockserver.catalogue import BY_NAME as ROUTES
from mockserver.config import Settings
from mockserver.http.app import create_app
from mockserver.rules.errors import PROVIDER_CODES

from .reference import ROOT, staging_payloads

FIDELITY = ROOT / "docs" / "fidelity.md"
RECIPIENT = "13002526500013"
# The staging files' links name production's host; the sandbox's name the host it is asked on.
STAGING_HOST = "https://entreprise.api.gouv.fr/"
# The instant the replay asks at: after every date the files show, so the facts they show have all happened.
CLOCK = "2025-06-30T12:00:00+02:00"
# Values that carry the clock of the call: a document's link (sealed with the call's time) and how long it lives,
# and the days an attestation or an extract is issued on (the call's day).
DOCUMENT_LINKS = ("document_url", "url")
CLOCK_VALUES = ("expires_in", "document_url_expires_in", "date_delivrance_attestation", "date_periode_analysee")
ISSUED_ON_THE_CALL = ("date_extrait",)
# The sandbox's own links to a document: its storage and its INPI proxy.
SANDBOX_DOCUMENT = re.compile(r"^http://localhost/(siade|proxy/inpi/download)/")
CLOCKED = "<carries the clock>"

# Staging files production's code contradicts: production's status and error code, and why.
PRODUCTION_WINS = {
    # The unavailable provider's 01001 written as a 504: production's ProviderUnavailable is a provider_error, a 502.
    "api_entreprise_v3_insee_successions/504.yaml": (502, "01001"),
    # The privileges error written "0100", a digit short.
    "api_entreprise_v3_insee_successions/403.yaml": (403, "00100"),
}
# Where docs/fidelity.md lists the 200 bodies that differ, one table row each: | `file` | reason |.
DIFFERENCES_HEADING = "### 200 bodies that differ"
# Who decides that a listed body differs: production's code cannot give the file's body, or the sandbox keeps one
# identifier one entity rather than the file's contradiction.
PRODUCTION_DECIDES = "production's code"
SANDBOX_DECIDES = "the sandbox (one identifier, one entity)"


def _luhn(digits: str) -> bool:
    """Tell whether ``digits`` pass the Luhn check."""
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _valid(kind: str, value: str) -> bool:
    """Tell whether a SIREN or SIRET passes production's check: digits, then Luhn (La Poste's SIRETs: their sum)."""
    if not (value.isdigit() and len(value) == LENGTHS[kind]):
        return False
    if kind == "siret" and value.startswith("356000000"):
        return sum(map(int, value)) % 5 == 0
    return _luhn(value)


def passes_production_validation(params: dict) -> bool:
    """Tell whether a case's SIREN or SIRET parameters pass production's validation (other kinds are not read here)."""
    return all(_valid(name, str(value)) for name, value in params.items() if name in LENGTHS)


def differences() -> dict[str, str]:
    """Return the staging files whose 200 body docs/fidelity.md lists as differing, each with who decides."""
    section = FIDELITY.read_text(encoding="utf-8").split(DIFFERENCES_HEADING, 1)[1].split("\n#", 1)[0]
    return dict(re.findall(r"^\| `([^`]+)` \| .* \| ([^|]+) \|$", section, re.MULTILINE))


def different_bodies() -> set[str]:
    """Return the staging files whose 200 body docs/fidelity.md lists as differing."""
    return set(differences())


LENGTHS = {"siren": 9, "siret": 14}
CASES = staging_payloads()
REACHABLE = [case for case in CASES if passes_production_validation(case["params"])]
UNREACHABLE = [case for case in CASES if not passes_production_validation(case["params"])]
OK_CASES = [case for case in REACHABLE if case["status"] == 200]


def _request(client, token: str, case: dict):
    """Ask the sandbox for a case: its path parameters in the path, the others in the query."""
    row = ROUTES[case["operation"]]
    in_path = set(re.findall(r"{(\w+)}", row.path))
    params = {name: str(value) for name, value in case["params"].items()}
    path = row.path.format(**{name: value for name, value in params.items() if name in in_path})
    query = {"context": "test", "recipient": RECIPIENT, "object": "essai"}
    query |= {name: value for name, value in params.items() if name not in in_path}
    return client.get(path, query_string=query, headers={"Authorization": f"Bearer {token}", "X-Mock-Clock": CLOCK})


def without_the_clock(staging, sandbox):
    """Return both bodies with the values that carry the call's clock replaced, and the sandbox's host by production's.

    A link counts as a document's where the sandbox's answer holds one of its storage or proxy links there, so a
    link that is data (a Légifrance page) is still compared.
    """
    if isinstance(staging, dict) and isinstance(sandbox, dict):
        expected, answered = dict(staging), _host(sandbox)
        for key in staging.keys() & sandbox.keys():
            expected[key], answered[key] = _field(key, staging[key], sandbox[key])
        return expected, answered
    if isinstance(staging, list) and isinstance(sandbox, list) and len(staging) == len(sandbox):
        pairs = [without_the_clock(a, b) for a, b in zip(staging, sandbox, strict=True)]
        return [a for a, _ in pairs], [b for _, b in pairs]
    return staging, _host(sandbox)


def _host(value):
    """Return a value of the sandbox with its host read as production's."""
    if isinstance(value, str):
        return value.replace("http://localhost/", STAGING_HOST)
    if isinstance(value, dict):
        return {key: _host(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_host(item) for item in value]
    return value


def _field(key: str, staging, sandbox) -> tuple:
    """Return one field's pair of values, both replaced when they carry the clock: a document link, a TTL, a day."""
    if staging is not None and sandbox is not None:
        if key in CLOCK_VALUES or key in ISSUED_ON_THE_CALL:
            return CLOCKED, CLOCKED
        if key in DOCUMENT_LINKS and isinstance(sandbox, str) and SANDBOX_DOCUMENT.match(sandbox):
            return CLOCKED, CLOCKED
    return without_the_clock(staging, sandbox)


@pytest.fixture(scope="module")
def answers(token):
    """Return the sandbox's answer to every case, asked once: file -> (status, body)."""
    client = create_app(Settings(rate_limit_factor=0)).test_client()
    return {case["file"]: _answer(_request(client, token, case)) for case in CASES}


def _answer(response) -> tuple[int, dict | None]:
    return response.status_code, response.get_json(silent=True)


def test_the_facts_file_holds_production_s_cases():
    assert len(CASES) == 173
    assert all(case["operation"] in ROUTES for case in CASES)
    # Eleven cases name an identifier that fails Luhn, one no number at all: production refuses them before its
    # staging reads the files.
    assert len(UNREACHABLE) == 12


@pytest.mark.parametrize("case", UNREACHABLE, ids=lambda case: case["file"])
def test_an_identifier_production_refuses_is_a_422(answers, case):
    status, body = answers[case["file"]]
    assert status == 422
    assert body["errors"][0]["code"] in ("00301", "00302")


def _expected_code(case: dict) -> str | None:
    """Return the error code the file's status comes with, under the route provider's prefix as production's code."""
    errors = case["payload"].get("errors") if isinstance(case["payload"], dict) else None
    if not errors:
        return None
    code = errors[0]["code"]
    if code.startswith("00"):
        return code
    return PROVIDER_CODES[ROUTES[case["operation"]].provider] + code[-3:]


@pytest.mark.parametrize("case", REACHABLE, ids=lambda case: case["file"])
def test_a_reachable_case_answers_staging_s_status(answers, case):
    status, body = answers[case["file"]]
    if case["file"] in PRODUCTION_WINS:
        expected_status, expected_code = PRODUCTION_WINS[case["file"]]
        assert (status, body["errors"][0]["code"]) == (expected_status, expected_code)
        return
    assert status == case["status"], body
    if status != 200:
        assert body["errors"][0]["code"] == _expected_code(case)


@pytest.mark.parametrize("case", OK_CASES, ids=lambda case: case["file"])
def test_a_200_answers_staging_s_body_less_the_clock(answers, case):
    status, body = answers[case["file"]]
    expected, answered = without_the_clock(case["payload"], body)
    identical = status == 200 and answered == expected
    if case["file"] in different_bodies():
        assert not identical, f"{case['file']} is identical now: take it off docs/fidelity.md"
    else:
        assert identical, (answered, expected)


def test_the_ratio_of_identical_bodies():
    listed = differences()
    assert set(listed) <= {case["file"] for case in OK_CASES}
    assert set(listed.values()) <= {PRODUCTION_DECIDES, SANDBOX_DECIDES}
    identical, total = len(OK_CASES) - len(listed), len(OK_CASES)
    # The bodies production's code cannot give are not the sandbox's to copy: production wins.
    producible = total - sum(who == PRODUCTION_DECIDES for who in listed.values())
    print(f"\nstaging replay: {identical} of {total} 200 bodies identical ({100 * identical / total:.1f} %);")
    print(f"{identical} of the {producible} production's code can give ({100 * identical / producible:.1f} %)")
    assert identical >= 0.95 * producible


def _foreign_prefix(case: dict) -> bool:
    """Tell whether a case's error code carries another provider's prefix than its route's."""
    code = _expected_code(case)
    return code is not None and code != case["payload"]["errors"][0]["code"] and not code.startswith("00")


@pytest.mark.parametrize(
    "file", [*PRODUCTION_WINS, *(case["file"] for case in CASES if case["status"] != 200 and _foreign_prefix(case))]
)
def test_every_file_production_contradicts_is_listed_in_the_fidelity_page(file):
    contradicted = FIDELITY.read_text(encoding="utf-8").split("### Files production's code contradicts")[1]
    assert f"`{file}`" in contradicted.split(DIFFERENCES_HEADING)[0]


@pytest.mark.parametrize(
    ("staging", "sandbox", "same"),
    [
        ({"document_url": "https://x/a.pdf"}, {"document_url": "http://localhost/siade/1-ab-a.pdf"}, True),
        ({"url": "https://x/a.pdf"}, {"url": "http://localhost/proxy/inpi/download/eyJ"}, True),
        # A link that is data, not a document of the sandbox, is compared.
        ({"url": "https://legifrance/1486"}, {"url": "https://legifrance/1596"}, False),
        ({"expires_in": 600}, {"expires_in": 86400}, True),
        # No document and no lifetime on one side only is a difference.
        ({"document_url": None}, {"document_url": "http://localhost/siade/1-ab-a.pdf"}, False),
        ({"expires_in": None}, {"expires_in": 86400}, False),
        ({"links": {"a": f"{STAGING_HOST}v3/x"}}, {"links": {"a": "http://localhost/v3/x"}}, True),
        ({"date_creation": 1}, {"date_creation": 2}, False),
        ({"a": 1}, {"a": 1, "b": None}, False),
    ],
)
def test_only_the_values_that_carry_the_clock_are_left_out(staging, sandbox, same):
    expected, answered = without_the_clock(staging, sandbox)
    assert (expected == answered) is same
