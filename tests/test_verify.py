"""Verification for any runner: ``GET /__admin/verify`` and ``api-entreprise-mock verify``, their formats and exits."""

import json
import subprocess
import time

import pytest
import requests

from mockserver.config import DEFAULT_SECRET
from mockserver.http import verification
from mockserver.rules.auth import preset_token

from .helpers import JUNIT_SCHEMA, TRACEABILITY
from .servers import SCRIPT, free_port, running_server

# The schema CI servers read JUnit reports with (Jenkins' xUnit plugin; its source is in the file).
UNITE_LEGALE = "/v3/insee/sirene/unites_legales/418166096"
# A request that breaks two rules: no recipient, and the token in the query.
TWO_RULES = {"context": "test", "object": "essai"}
CLEAN = "API Entreprise contract: 1 request(s) since the last reset, no rule of the real API broken."


def send(client, token, params, path=UNITE_LEGALE, in_query=False):
    if in_query:
        return client.get(path, query_string={**params, "token": token})
    return client.get(path, query_string=params, headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
def broken(client, token):
    """A journal of one clean request and one that broke two rules."""
    send(client, token, TRACEABILITY)
    send(client, token, TWO_RULES, in_query=True)
    return client


@pytest.mark.parametrize("form", verification.FORMATS)
def test_every_format_is_served_with_its_content_type_and_the_verdict(broken, form):
    answer = broken.get("/__admin/verify", query_string={"format": form})
    assert answer.status_code == 200
    assert answer.content_type == verification.CONTENT_TYPES[form]
    assert answer.headers["X-Mock-Verdict"] == "failed"


def test_the_text_is_the_pytest_report_of_the_same_entries(broken):
    entries = [entry for entry in broken.get("/__admin/requests").json["requests"] if entry["violations"]]
    text = broken.get("/__admin/verify").text
    assert text == verification.report(entries, "since the last reset") + "\n"
    assert "token_in_query" in text and "missing_traceability" in text and "fix: " in text


def test_json_has_a_case_per_request_and_a_failure_per_rule(broken):
    result = broken.get("/__admin/verify", query_string={"format": "json"}).json
    assert (result["verdict"], result["requests"], result["violations"]) == ("failed", 2, 2)
    assert result["rules"] == ["missing_traceability", "token_in_query"]
    assert [len(case["violations"]) for case in result["cases"]] == [0, 2]
    assert result["cases"][1]["request"].endswith("token=[masqué]")


def test_a_clean_journal_passes(client, token):
    send(client, token, TRACEABILITY)
    answer = client.get("/__admin/verify")
    assert answer.headers["X-Mock-Verdict"] == "passed"
    assert answer.text == CLEAN + "\n"


def test_junit_validates_against_the_junit_schema(broken):
    report = broken.get("/__admin/verify", query_string={"format": "junit"}).text
    JUNIT_SCHEMA.validate(report)
    suite = JUNIT_SCHEMA.to_dict(report)["testsuite"][0]
    assert (suite["@tests"], suite["@failures"], suite["@errors"]) == ("2", "2", "0")
    clean, faulty = suite["testcase"]
    assert "failure" not in clean
    assert [failure["@type"] for failure in faulty["failure"]] == ["missing_traceability", "token_in_query"]


def test_a_report_that_breaks_the_junit_schema_is_caught(broken):
    report = broken.get("/__admin/verify", query_string={"format": "junit"}).text
    assert not JUNIT_SCHEMA.is_valid(report.replace('errors="0"', ""))


def test_github_annotates_each_broken_rule_on_one_line(broken):
    lines = broken.get("/__admin/verify", query_string={"format": "github"}).text.splitlines()
    assert [line.split("::")[1] for line in lines] == [
        "error title=API Entreprise contract%3A missing_traceability",
        "error title=API Entreprise contract%3A token_in_query",
        "error title=API Entreprise contract",
    ]
    assert "%0Afix: Send `Authorization: Bearer <token>`" in lines[1]
    assert lines[2].endswith("::2 violation(s) in 2 request(s) since the last reset")


def test_a_mark_starts_the_verification_and_a_reset_forgets_it(broken, token):
    assert broken.post("/__admin/marks", json={"label": "checkout"}).status_code == 200
    send(broken, token, TRACEABILITY)
    result = broken.get("/__admin/verify", query_string={"format": "json", "since": "checkout"}).json
    assert (result["verdict"], result["requests"], result["since"]) == ("passed", 1, "checkout")
    broken.post("/__admin/reset")
    assert broken.get("/__admin/verify", query_string={"since": "checkout"}).status_code == 404


@pytest.mark.parametrize(
    ("query", "body", "status", "words"),
    [
        ({"format": "xml"}, None, 400, "format doit valoir text, json, junit ou github"),
        ({"since": "never-set"}, None, 404, "POST /__admin/marks"),
        (None, {"label": ""}, 400, "label"),
        (None, {"label": "a\nb"}, 400, "label"),
        (None, {"name": "x"}, 400, "label"),
    ],
)
def test_bad_input_is_a_clear_admin_error(client, query, body, status, words):
    answer = client.post("/__admin/marks", json=body) if body else client.get("/__admin/verify", query_string=query)
    assert answer.status_code == status
    assert words in answer.json["errors"][0]


def verify_command(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(SCRIPT), "verify", *args], capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def served():
    """A served sandbox, rate limits off; each test starts from a reset."""
    with running_server("--rate-limit-factor", "0") as (base, _):
        yield base


def call(base: str, params: dict, in_query: bool = False) -> None:
    token = preset_token("default", DEFAULT_SECRET)
    headers = {} if in_query else {"Authorization": f"Bearer {token}"}
    requests.get(base + UNITE_LEGALE, params={**params, **({"token": token} if in_query else {})}, headers=headers)


@pytest.mark.system
@pytest.mark.parametrize(
    ("params", "exit_status", "first_line"),
    [
        (TRACEABILITY, 0, CLEAN),
        (TWO_RULES, 1, "API Entreprise contract: 2 violation(s) in 1 request(s) since the last reset."),
    ],
)
def test_verify_exits_0_when_clean_and_1_when_a_rule_was_broken(served, params, exit_status, first_line):
    requests.post(served + "/__admin/reset")
    call(served, params, in_query=exit_status == 1)
    finished = verify_command("--url", served)
    assert (finished.returncode, finished.stdout.splitlines()[0], finished.stderr) == (exit_status, first_line, "")


@pytest.mark.system
@pytest.mark.parametrize("form", verification.FORMATS)
def test_verify_writes_each_format_to_a_file_and_says_the_verdict(served, tmp_path, form):
    requests.post(served + "/__admin/reset")
    call(served, TWO_RULES)
    output = tmp_path / f"contract.{form}"
    finished = verify_command("--url", served, "--format", form, "--output", str(output))
    assert finished.returncode == 1
    assert finished.stdout == "API Entreprise contract: 1 violation(s) in 1 request(s) since the last reset.\n"
    served_copy = requests.get(served + "/__admin/verify", params={"format": form}).text
    assert output.read_text() == served_copy
    if form == "junit":
        JUNIT_SCHEMA.validate(str(output))
    if form == "json":
        assert json.loads(output.read_text())["rules"] == ["missing_traceability"]


@pytest.mark.system
def test_verify_since_a_mark(served):
    requests.post(served + "/__admin/reset")
    call(served, TWO_RULES)
    requests.post(served + "/__admin/marks", json={"label": "after the faulty call"})
    call(served, TRACEABILITY)
    assert verify_command("--url", served).returncode == 1
    assert verify_command("--url", served, "--since", "after the faulty call").returncode == 0


@pytest.mark.system
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "xml"), "argument --format: invalid choice: 'xml'"),
        (("--since", "never-set"), "answered 404: Aucun repère de ce nom"),
        (("--output", "/nonexistent/dir/report.xml"), "verify: cannot write /nonexistent/dir/report.xml"),
        (("--url", "ftp://127.0.0.1/"), "verify: --url must be an http:// or https:// URL"),
        (("--url", "http://127.0.0.1:notaport"), "verify: cannot reach the sandbox at http://127.0.0.1:notaport"),
    ],
)
def test_bad_input_exits_2_with_a_message(served, args, message):
    finished = verify_command("--url", served, *args)
    assert finished.returncode == 2
    assert message in finished.stderr
    assert "Traceback" not in finished.stderr


@pytest.mark.system
def test_an_unreachable_sandbox_exits_2():
    url = f"http://127.0.0.1:{free_port()}"
    finished = verify_command("--url", url)
    assert finished.returncode == 2
    assert finished.stderr.startswith(f"api-entreprise-mock: verify: cannot reach the sandbox at {url}: ")
    assert "Traceback" not in finished.stderr


@pytest.mark.system
def test_a_server_that_is_not_a_sandbox_exits_2(tmp_path):
    (tmp_path / "__admin").mkdir()
    (tmp_path / "__admin" / "verify").write_text("<html>hello</html>")
    port = free_port()
    server = subprocess.Popen(
        ["python3", "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                requests.get(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.05)
        finished = verify_command("--url", f"http://127.0.0.1:{port}")
    finally:
        server.terminate()
        server.wait(timeout=5)
    assert finished.returncode == 2
    assert "is not an API Entreprise sandbox" in finished.stderr
