"""The pytest plugin for integrators: a running sandbox, contract violations, the scenario matrix.

Installed with the package (entry point ``pytest11``), it costs nothing until a test asks
for the ``api_entreprise`` fixture: only then is the sandbox imported and started, once per
session, on a free port. Before each test the journal, the rate-limit counters and any forced
scenario are reset; after it, every request in which the client broke a rule of the real API
fails the test with a report. ``@pytest.mark.api_entreprise_matrix("entreprises", timeout=5)``
runs a test once per scenario the routes can answer, and the terminal summary says which
ones the client did not survive.
"""

import pytest

MATRIX_MARKER = "api_entreprise_matrix"
MATRIX_RESULTS = pytest.StashKey[dict]()


class ContractViolations(AssertionError):
    """The test's requests broke rules of the real API; the message is the report."""

    def __init__(self, report: str, rules: list[str]):
        super().__init__(report)
        self.rules = rules


class MarkerError(str):
    """The message of a matrix marker the plugin cannot read, given to the test's fixture in place of a case."""


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MATRIX_MARKER}(*routes, timeout=None): run the test once per scenario the API Entreprise routes "
        "can answer (nominal, 404, 422, 451, 429, 5xx, slow provider past `timeout` seconds)",
    )
    config.stash[MATRIX_RESULTS] = {}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    marker = metafunc.definition.get_closest_marker(MATRIX_MARKER)
    if marker is None:
        return
    if "api_entreprise" not in metafunc.fixturenames:
        raise pytest.UsageError(f"{metafunc.definition.nodeid}: {MATRIX_MARKER} needs the api_entreprise fixture")
    from mockserver.http.matrix import matrix

    unknown = sorted(set(marker.kwargs) - {"timeout"})
    try:
        if unknown:
            raise ValueError(f"{MATRIX_MARKER} takes route names and timeout=, not {unknown}")
        cases = matrix(tuple(marker.args), **marker.kwargs)
    except ValueError as error:
        # A mistyped marker is this test's mistake: it errors with one line saying which, and the session goes on
        # (raised here, during collection, it would stop the session with a traceback through every plugin).
        metafunc.parametrize("api_entreprise", [MarkerError(str(error))], ids=["marker-error"], indirect=True)
        return
    metafunc.parametrize("api_entreprise", cases, ids=[case.scenario for case in cases], indirect=True)


@pytest.fixture(scope="session")
def api_entreprise_settings():
    """Return the sandbox's settings (the environment's, no access log); override it to set others."""
    from mockserver.config import Settings

    return Settings.from_env(access_log="off")


@pytest.fixture(scope="session")
def api_entreprise_server(api_entreprise_settings):
    """Start the sandbox once for the session, with ``api_entreprise_settings``; stop it at the end."""
    from mockserver.kit.sandbox import SandboxServer

    server = SandboxServer(api_entreprise_settings)
    yield server
    server.stop()


@pytest.fixture
def api_entreprise(request: pytest.FixtureRequest, api_entreprise_server):
    """Return a handle on the running sandbox, reset for this test (and set up for its matrix scenario)."""
    from mockserver.kit.sandbox import Sandbox

    if isinstance(getattr(request, "param", None), MarkerError):
        pytest.fail(request.param, pytrace=False)
    sandbox = Sandbox(api_entreprise_server, getattr(request, "param", None))
    sandbox.reset()
    if sandbox.case is not None:
        sandbox.play(sandbox.case)
    return sandbox


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    sandbox = getattr(item, "funcargs", {}).get("api_entreprise")
    if sandbox is None:
        return (yield)
    try:
        outcome = yield
    except (Exception, pytest.fail.Exception) as failure:
        _raise_violations(sandbox, failure)
        raise
    _raise_violations(sandbox, None)
    return outcome


def _raise_violations(sandbox, failure: BaseException | None) -> None:
    """Fail the test with the report of its requests' violations, if any."""
    from mockserver.http.verification import report

    entries = sandbox.violations()
    if entries:
        rules = sorted({found["rule"] for entry in entries for found in entry["violations"]})
        raise ContractViolations(report(entries), rules) from failure


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    result = yield
    if call.when != "call":
        return result
    if call.excinfo is not None and isinstance(call.excinfo.value, ContractViolations):
        violations = call.excinfo.value
        text = str(violations)
        if violations.__cause__ is not None:
            cause = item.repr_failure(pytest.ExceptionInfo.from_exception(violations.__cause__))
            text += f"\n\nThe test itself failed too:\n{cause}"
        result.longrepr = text
    case = getattr(getattr(item, "callspec", None), "params", {}).get("api_entreprise")
    if item.get_closest_marker(MATRIX_MARKER) and case is not None:
        reason = ""
        if call.excinfo is not None and isinstance(call.excinfo.value, ContractViolations):
            reason = f"broke the contract: {', '.join(call.excinfo.value.rules)}"
        elif call.excinfo is not None:
            reason = call.excinfo.exconly().splitlines()[0]
        key = f"{item.path.name}::{item.originalname}"
        item.config.stash[MATRIX_RESULTS].setdefault(key, (case.routes, []))[1].append(
            (case.scenario, case.status, result.outcome, reason)
        )
    return result


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    results = config.stash.get(MATRIX_RESULTS, {})
    if not results:
        return
    terminalreporter.section("API Entreprise scenario matrix")
    for test, (routes, rows) in results.items():
        lost = sum(outcome == "failed" for _, _, outcome, _ in rows)
        terminalreporter.write_line(
            f"{test} on {', '.join(routes)}: survived {len(rows) - lost} of {len(rows)} scenarios"
        )
        for scenario, status, outcome, reason in rows:
            verdict = "survived" if outcome == "passed" else "NOT SURVIVED" if outcome == "failed" else outcome
            terminalreporter.write_line(f"  {verdict:<13} {status}  {scenario:<22} {reason}"[:200].rstrip())
