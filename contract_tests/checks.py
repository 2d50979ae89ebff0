"""The checks of the conformance suite: schemathesis's own, and the contract's that it cannot know.

Built-in: status codes the route documents, bodies and required headers valid against the
document, content types, negative input rejected with a 4xx, authentication enforced. Ours,
registered with ``@schemathesis.check``: no 5xx that no scenario asked for, error bodies in
the format the request chose, rate-limit headers present and consistent, document URLs that
resolve to a PDF or ZIP a reader opens (an INPI RNE proxy link through the URL its answer names).
"""

import json
import time
from urllib.parse import urlsplit

import requests
import schemathesis
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from werkzeug.test import Client

from contract_tests.documents import READERS, document_urls, proxy_link
from mockserver.catalogue import ENDPOINTS
from mockserver.rules import scenarios
from mockserver.rules.errors import ERRORS

ROUTES = {endpoint.path: endpoint for endpoint in ENDPOINTS}
# 5xx a provider answers about the entity itself, scenario or not: the DGFIP's for a company
# outside corporate tax, or a year it holds no returns for (CONTRACT §2).
ENTITY_ERROR_DETAILS = {ERRORS[key].detail for key in ("dgfip_not_subject_to_is", "dgfip_potential_not_found")}
# Clock difference tolerated between the suite and a remote server, in seconds.
CLOCK_SKEW = 5
DOCUMENT_TIMEOUT = 12


def _header(response: schemathesis.Response, name: str) -> str | None:
    values = response.headers.get(name.lower())
    return values[0] if values else None


def _route(case: schemathesis.Case, response: schemathesis.Response):
    """Return the catalogue row a response answers, or None for a method the route does not document."""
    if response.request.method != case.operation.method.upper():
        return None
    return ROUTES.get(case.operation.path)


def asked_statuses(case: schemathesis.Case) -> set[int]:
    """Return the statuses the request asked for: its scenario header, a staging case or a reserved identifier."""
    endpoint = ROUTES.get(case.operation.path)
    if endpoint is None:
        return set()
    name = (case.headers or {}).get(scenarios.HEADER)
    if name in scenarios.SCENARIOS:
        return {endpoint.scenario_status(name)}
    asked = {
        scenarios.staging_scenario(endpoint.name, str(value)) or scenarios.reserved_scenario(str(value))
        for value in (case.path_parameters or {}).values()
    }
    return {endpoint.scenario_status(name) for name in asked if name}


def provider_verdict(response: schemathesis.Response) -> bool:
    """Tell whether an error body is a provider's verdict on the entity (``ENTITY_ERRORS``)."""
    errors = response.json().get("errors") if "json" in (_header(response, "Content-Type") or "") else None
    details = {error.get("detail") if isinstance(error, dict) else error for error in errors or []}
    return bool(details & ENTITY_ERROR_DETAILS)


@schemathesis.check
def no_unrequested_server_error(ctx, response: schemathesis.Response, case: schemathesis.Case):
    """Fail on a 5xx that no scenario asked for and that is no provider's verdict on the entity."""
    if response.status_code < 500 or response.status_code in asked_statuses(case):
        return
    if not provider_verdict(response):
        raise AssertionError(f"{response.status_code} although no scenario asked for it")


@schemathesis.check
def error_body_in_requested_format(ctx, response: schemathesis.Response, case: schemathesis.Case):
    """Check ``{"errors": [...]}`` holds strings in v2 unless error_format=json_api, objects otherwise."""
    endpoint = _route(case, response)
    if endpoint is None or response.status_code < 400:
        return
    json_api = endpoint.version != "v2" or (case.query or {}).get("error_format") == "json_api"
    errors = response.json().get("errors")
    if not isinstance(errors, list) or not errors:
        raise AssertionError("an error body without a non-empty `errors` list")
    if json_api:
        bad = [
            e for e in errors if not (isinstance(e, dict) and str(e.get("code", "")).isdigit() and len(e["code"]) == 5)
        ]
        if bad:
            raise AssertionError(f"JSON:API errors expected (objects with a 5-digit code), got {bad[:2]}")
    elif not all(isinstance(e, str) for e in errors):
        raise AssertionError(f"flat v2 errors expected (strings), got {errors[:2]}")


@schemathesis.check
def rate_limit_headers_consistent(ctx, response: schemathesis.Response, case: schemathesis.Case):
    """Check the rate-limit headers of a throttled route: present, coherent, and coherent with a 429."""
    endpoint = _route(case, response)
    if endpoint is None or not endpoint.rate_group:
        return
    limit, remaining, reset = (_header(response, f"RateLimit-{part}") for part in ("Limit", "Remaining", "Reset"))
    if limit is None and response.status_code == 401:
        return  # no token, nothing counted
    if None in (limit, remaining, reset) or not all(v.isdigit() for v in (limit, remaining, reset)):
        raise AssertionError(f"RateLimit-Limit/Remaining/Reset missing or not integers: {limit}, {remaining}, {reset}")
    now = time.time()
    if int(remaining) > int(limit):
        raise AssertionError(f"RateLimit-Remaining {remaining} above RateLimit-Limit {limit}")
    if int(reset) < now - CLOCK_SKEW:
        raise AssertionError(f"RateLimit-Reset {reset} is in the past")
    retry_after = _header(response, "Retry-After")
    if response.status_code != 429:
        if retry_after is not None:
            raise AssertionError("Retry-After on an answer that is not a 429")
        return
    if remaining != "0":
        raise AssertionError(f"a 429 with RateLimit-Remaining {remaining}")
    if retry_after is None or not retry_after.isdigit() or int(retry_after) < 1:
        raise AssertionError(f"a 429 without a Retry-After of at least one second: {retry_after!r}")
    if abs(int(retry_after) - (int(reset) - now)) > CLOCK_SKEW + 1:
        raise AssertionError(f"Retry-After {retry_after} s disagrees with RateLimit-Reset {reset} (now {now:.0f})")


def _get(case: schemathesis.Case, url: str) -> tuple[int, str, bytes]:
    """GET a URL where the case was sent: the in-process app, or the network."""
    if case.operation.app is not None:
        parts = urlsplit(url)
        answer = Client(case.operation.app).get(parts.path, query_string=parts.query)
        return answer.status_code, answer.mimetype, answer.data
    answer = requests.get(url, timeout=DOCUMENT_TIMEOUT)
    return answer.status_code, answer.headers.get("Content-Type", "").split(";")[0].strip(), answer.content


def fetch(case: schemathesis.Case, url: str) -> tuple[int, str, bytes]:
    """GET a document URL; an INPI proxy link first, then the storage URL its answer names."""
    if proxy_link(url):
        status, _, body = _get(case, url)
        if status != 200:
            raise AssertionError(f"the proxy link {url} answered {status}")
        url = json.loads(body)["data"]["document_url"]
    return _get(case, url)


@schemathesis.check
def document_urls_resolve(ctx, response: schemathesis.Response, case: schemathesis.Case):
    """Check every document URL of a successful answer serves a PDF or ZIP that opens."""
    if response.status_code not in (200, 206) or "json" not in (_header(response, "Content-Type") or ""):
        return
    for url in document_urls(response.json()):
        status, media_type, content = fetch(case, url)
        if status != 200 or media_type not in READERS:
            raise AssertionError(f"{url} answered {status} {media_type}, not a PDF or ZIP")
        try:
            READERS[media_type](content)
        except Exception as error:
            raise AssertionError(f"{url}: {media_type} that does not open: {error}") from error


CHECKS = [
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,
    ignored_auth,
    no_unrequested_server_error,
    error_body_in_requested_format,
    rate_limit_headers_consistent,
    document_urls_resolve,
]
