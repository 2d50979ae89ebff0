"""Verification: the journal's requests judged against the rules of the real API, in a CI runner's formats.

One source of words for every runner: the pytest plugin's report, ``GET /__admin/verify`` and
``api-entreprise-mock verify`` all describe a broken rule with the lines written here (the
request, the rule, what was wrong, the real API's answer, the fix). A verification is one test
case per journal entry, a failure per broken rule; it renders as text, JSON, JUnit XML (one
``testsuite``, read by GitLab, Jenkins, Azure and the GitHub test-report actions) or GitHub
workflow annotations (``::error``).
"""

import json
from xml.etree import ElementTree

FORMATS = ("text", "json", "junit", "github")
CONTENT_TYPES = {
    "text": "text/plain; charset=utf-8",
    "json": "application/json",
    "junit": "application/xml; charset=utf-8",
    "github": "text/plain; charset=utf-8",
}
SUITE = "API Entreprise contract"
SINCE_RESET = "the last reset"


def request_line(entry: dict) -> str:
    """Return ``GET /path?query`` of a journal entry, readable (the token stays masked)."""
    query = "&".join(f"{name}={value}" for name, values in entry["params"].items() for value in values)
    return f"{entry['method']} {entry['path']}{'?' + query if query else ''}"


def violation_lines(found: dict) -> list[str]:
    """Return the lines that describe one broken rule: the rule, what was wrong, the real answer, the fix."""
    lines = [f"rule: {found['title']} ({found['rule']})", f"what: {found['detail']}"]
    real = found["real_answer"]
    if real:
        body = real["body"]
        if not isinstance(body, str):
            body = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
        lines.append(f"real API: {real['status']} {body}")
    lines.append(f"fix: {found['advice']}")
    return lines


def case_lines(number: int, request: str, entry: dict) -> list[str]:
    """Return the report of one request that broke rules (a journal entry or a verification's case)."""
    lines = [f"[{number}] {request}", f"    sandbox answered {entry['status']}"]
    near = entry.get("near_miss")
    if near:
        lines.append(f"    nearest route: GET {near['path']} ({near['endpoint']}): {near['reason']}")
    for found in entry["violations"]:
        first, *rest = violation_lines(found)
        lines += [f"    - {first}", *(f"      {line}" for line in rest)]
    return lines


def _report(cases: list[tuple[str, dict]], scope: str) -> str:
    """Return the report of requests that broke rules, each given as its request line and its fields."""
    count = sum(len(entry["violations"]) for _, entry in cases)
    lines = [
        f"API Entreprise contract: {count} violation(s) in {len(cases)} request(s) {scope}.",
        "The sandbox answered them; the real API has rules your client broke:",
    ]
    for number, (request, entry) in enumerate(cases, 1):
        lines += ["", *case_lines(number, request, entry)]
    return "\n".join(lines)


def report(entries: list[dict], scope: str = "of this test") -> str:
    """Return the violations of journal entries as a report: which request, which rule, the real answer."""
    return _report([(request_line(entry), entry) for entry in entries], scope)


def verify(entries: list[dict], since: str = SINCE_RESET) -> dict:
    """Return the verification of journal entries: one case per request, its broken rules, the verdict."""
    cases = [
        {
            "request": request_line(entry),
            "time": entry["time"],
            "endpoint": entry.get("endpoint"),
            "status": entry["status"],
            "scenario": entry.get("scenario"),
            **({"near_miss": entry["near_miss"]} if entry.get("near_miss") else {}),
            "violations": entry["violations"],
        }
        for entry in entries
    ]
    broken = sum(len(case["violations"]) for case in cases)
    return {
        "verdict": "failed" if broken else "passed",
        "since": since,
        "requests": len(cases),
        "violations": broken,
        "rules": sorted({found["rule"] for case in cases for found in case["violations"]}),
        "cases": cases,
    }


def _scope(result: dict) -> str:
    """Say which requests a verification covers."""
    since = result["since"]
    return f"since {since}" if since == SINCE_RESET else f"since the mark {since!r}"


def as_text(result: dict) -> str:
    """Render a verification as the pytest plugin's report (a line when nothing was broken)."""
    if result["verdict"] == "passed":
        return (
            f"API Entreprise contract: {result['requests']} request(s) {_scope(result)}, "
            "no rule of the real API broken.\n"
        )
    broken = [(case["request"], case) for case in result["cases"] if case["violations"]]
    return _report(broken, _scope(result)) + "\n"


def as_json(result: dict) -> str:
    """Render a verification as JSON."""
    return json.dumps(result, ensure_ascii=False, indent=2) + "\n"


def as_junit(result: dict) -> str:
    """Render a verification as JUnit XML: a test case per request, a failure per broken rule."""
    counts = {"tests": str(result["requests"]), "failures": str(result["violations"]), "errors": "0"}
    suites = ElementTree.Element("testsuites", name=SUITE, **counts)
    suite = ElementTree.SubElement(suites, "testsuite", name=SUITE, skipped="0", **counts)
    for number, case in enumerate(result["cases"], 1):
        testcase = ElementTree.SubElement(
            suite,
            "testcase",
            classname=f"api_entreprise.{case['endpoint'] or 'unknown_route'}",
            name=f"[{number}] {case['request']}",
            time="0",
        )
        for found in case["violations"]:
            failure = ElementTree.SubElement(
                testcase, "failure", type=found["rule"], message=f"{found['title']} ({found['rule']})"
            )
            failure.text = "\n".join([f"sandbox answered {case['status']}", *violation_lines(found)[1:]])
    ElementTree.indent(suites)
    return ElementTree.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def _annotation(text: str) -> str:
    """Escape a GitHub workflow command's message (``%``, carriage returns and newlines)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _annotation_property(text: str) -> str:
    """Escape a GitHub workflow command's property (the message's escapes, plus ``:`` and ``,``)."""
    return _annotation(text).replace(":", "%3A").replace(",", "%2C")


def as_github(result: dict) -> str:
    """Render a verification as GitHub workflow annotations: one ``::error`` per broken rule, then a notice."""
    lines = []
    for case in result["cases"]:
        for found in case["violations"]:
            title = _annotation_property(f"API Entreprise contract: {found['rule']}")
            message = "\n".join([case["request"], f"sandbox answered {case['status']}", *violation_lines(found)])
            lines.append(f"::error title={title}::{_annotation(message)}")
    summary = (
        f"{result['violations']} violation(s) in {result['requests']} request(s) {_scope(result)}"
        if result["violations"]
        else f"{result['requests']} request(s) {_scope(result)}, no rule of the real API broken"
    )
    kind = "error" if result["violations"] else "notice"
    lines.append(f"::{kind} title={_annotation_property(SUITE)}::{_annotation(summary)}")
    return "\n".join(lines) + "\n"


RENDERERS = {"text": as_text, "json": as_json, "junit": as_junit, "github": as_github}
