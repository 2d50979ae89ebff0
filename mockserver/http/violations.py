"""Contract violations: the rules of the real API a request broke, and what it would have answered.

The sandbox answers like the real API, and on top of that writes into each journal entry the
rules the client broke, so that a test can fail on them even when the client coped with the
answer: traceability parameters, the v3 recipient and token rules, identifiers the real API
rejects, the rate limit and its Retry-After, the exact option for non-diffusible units. Each
violation is a plain dict: the rule, what was wrong, what to do, and the real API's answer.
"""

from dataclasses import dataclass

from mockserver.catalogue import Endpoint
from mockserver.documents.inpi_proxy import LIFETIME_SECONDS
from mockserver.documents.store import NOT_FOUND_PAGE, DocumentStore
from mockserver.http import responses
from mockserver.http.stages import stages_of
from mockserver.renderers.call import Call
from mockserver.rules import scenarios
from mockserver.rules.errors import ApiError

NON_DIFFUSIBLE_OPTION = "non_diffusables"


@dataclass(frozen=True)
class Rule:
    """A rule of the real API: what it says, and what a client should do."""

    title: str
    advice: str


RULES = {
    "missing_traceability": Rule(
        "context, recipient and object are mandatory on every data route",
        'Send all three, non-blank: context = the frame of the call (e.g. "aides publiques"), recipient = '
        "the SIRET of the public body the data is for, object = the reason or the case number.",
    ),
    "invalid_recipient": Rule(
        "recipient must be a valid SIRET (v3)",
        "Send the SIRET (14 digits, Luhn checksum) of the public body the data is for, not a label.",
    ),
    "token_in_query": Rule(
        "the token goes in the Authorization header (v3)",
        "Send `Authorization: Bearer <token>`: v3 documents no `token` query parameter (the server still "
        "reads it today and may stop), and URLs with secrets end up in logs.",
    ),
    "invalid_identifier": Rule(
        "identifiers are checked (digits, Luhn checksum) before any provider is asked",
        "Validate SIREN/SIRET/RNA numbers, years and checked options (siren_is, type_attestation…) before "
        "calling: the real API answers 422 and counts the call against your rate limit.",
    ),
    "rate_limit_exceeded": Rule(
        "a token may send only so many requests per minute to a group of routes",
        "Pace your calls with RateLimit-Remaining and RateLimit-Reset; an IP that keeps going past its "
        "limits is banned for 12 hours.",
    ),
    "retry_after_ignored": Rule(
        "after a 429, wait Retry-After seconds before calling the group again",
        "Read Retry-After (seconds) on a 429 and send nothing to the group's routes before it elapsed; "
        "an IP that ignores 429s is banned for 12 hours.",
    ),
    "document_expired": Rule(
        "a document URL lives 24 hours: the storage deletes the file after that",
        "Download the document as soon as the route answers, keep the file rather than its URL, and call the "
        "route again for a fresh URL: the real storage answers 404 to an expired one.",
    ),
    "inpi_link_expired": Rule(
        "an INPI RNE document link lives one hour",
        "Follow the link of actes_bilans or extrait_rne within the hour, then download the document its answer "
        "names: the real proxy answers 410 to an older link. Call the route again for a fresh link.",
    ),
    "unknown_route": Rule(
        "the API answers only the routes of its catalogue, with GET",
        "Call a catalogue route (GET /__admin/routes lists them) with GET: the entry's near_miss names the route "
        "the request was nearest and what differs.",
    ),
    "non_diffusible_option": Rule(
        "a non-diffusible unit's data needs exactly non_diffusables=true",
        "Only the parameter `non_diffusables` with the exact value `true` gives the data of a non-diffusible "
        "unit (your habilitation must allow it); any other spelling is ignored and the answer is 451.",
    ),
}


def _real_body(endpoint: Endpoint, keys: tuple[str, ...], json_api: bool, provider_stage: bool) -> dict:
    """Return the error body the real API sends for ``keys`` on ``endpoint``."""
    return responses.error_body(endpoint, ApiError(*keys), provider_stage=provider_stage, json_api=json_api)


def violation(rule: str, detail: str, real_status: int | None = None, real_body: dict | str | None = None) -> dict:
    """Return one violation as the journal stores it."""
    entry = {"rule": rule, "title": RULES[rule].title, "detail": detail, "advice": RULES[rule].advice}
    entry["real_answer"] = {"status": real_status, "body": real_body} if real_status else None
    return entry


def _looks_like_non_diffusible_option(name: str, value: str) -> bool:
    """Tell whether a query parameter was meant as the non-diffusible option but is not it."""
    meant = name.lower().replace("_", "").replace("-", "") in ("nondiffusable", "nondiffusables")
    return meant and (name != NON_DIFFUSIBLE_OPTION or value != "true")


def detect(
    endpoint: Endpoint, call: Call, *, token_in_query: bool, rate: str | None, found_by: dict[str, list] | None = None
) -> list[dict]:
    """Return the violations of one request; ``rate`` is "exceeded", "too_early" or None.

    The checking stages of the pipeline find the faults, so that the violation and the
    answer never disagree; each fault is reported, not only the first the answer gives.
    ``found_by``: the faults of the stages the request went through, by stage name (the
    others are checked here).
    """
    found_by = found_by or {}
    args = call.args
    # Looked up before they are read: Werkzeug's get of a missing parameter raises and catches an exception.
    json_api = "error_format" in args and args["error_format"] == "json_api"
    found = []
    if rate == "too_early":
        body = _real_body(endpoint, ("too_many_requests",), json_api, False)
        found.append(violation("retry_after_ignored", "sent before the Retry-After of a 429 elapsed", 429, body))
    elif rate == "exceeded":
        body = _real_body(endpoint, ("too_many_requests",), json_api, False)
        found.append(violation("rate_limit_exceeded", "the token's budget for this minute was spent", 429, body))
    for stage in stages_of(endpoint):
        if stage.rule is None:
            continue
        faults = found_by[stage.name] if stage.name in found_by else stage.faults(endpoint, call)
        for fault in faults:
            body = _real_body(endpoint, fault.keys, json_api, stage.provider)
            found.append(violation(stage.rule, fault.detail, ApiError(*fault.keys).status, body))
    if endpoint.version != "v2" and token_in_query:
        found.append(violation("token_in_query", "the token was sent as ?token="))
    asked_right = NON_DIFFUSIBLE_OPTION in args and args[NON_DIFFUSIBLE_OPTION] == "true"
    reads_option = any(option.name == NON_DIFFUSIBLE_OPTION for option in endpoint.query_options)
    if reads_option and call.scenario == scenarios.NON_DIFFUSIBLE and not asked_right:
        sent = [
            f"{name}={value}"
            for name, value in args.items(multi=True)
            if _looks_like_non_diffusible_option(name, value)
        ]
        if sent:
            kind = endpoint.identifiers[0][1]
            body = _real_body(endpoint, (f"non_diffusible_{kind}",), json_api, True)
            found.append(violation("non_diffusible_option", f"sent {', '.join(sent)}", 451, body))
    return found


def unmatched(near: dict | None, status: int, body: dict) -> list[dict]:
    """Return the violation of a request no route answered, with the route it was nearest."""
    detail = f"nearest route {near['path']}: {near['reason']}" if near else "no catalogue route is near this path"
    return [violation("unknown_route", detail, status, body)]


def storage(store: DocumentStore, name: str) -> list[dict]:
    """Return the violations of one fetch from the document storage: a URL past its lifetime."""
    if not store.expired(name):
        return []
    issued_at = int(name.split("-", 1)[0])
    label = name.rsplit("-", 1)[1].split(".")[0]
    detail = f"fetched {round(store.clock() - issued_at)} s after it was issued; it lived {store.lifetime(label)} s"
    return [violation("document_expired", detail, 404, NOT_FOUND_PAGE.decode())]


def inpi_link_expired(age_seconds: int, real_body: dict) -> list[dict]:
    """Return the violation of an INPI RNE proxy link followed after its hour."""
    detail = f"followed {age_seconds} s after the call that gave it; it lives {LIFETIME_SECONDS} s"
    return [violation("inpi_link_expired", detail, 410, real_body)]
