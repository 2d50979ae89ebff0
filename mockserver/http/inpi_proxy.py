"""The INPI RNE documents' proxy ``GET /proxy/inpi/download/<uuid>`` (siade ``INPIProxyController``).

The links of ``actes_bilans`` and ``extrait_rne`` (``documents.inpi_proxy``) lead here. In
production's order of filters:

1. a uuid that does not open is 422 (``00314``);
2. the token id in it is looked up in production's database of tokens, which keeps revoked and
   expired tokens (the lookup checks neither): only an id the API never issued is 401
   (``00106``). The sandbox keeps no database, and a uuid that opens was sealed by the sandbox
   for a token it accepted, so every such id is known: there is no 401 to play;
3. an identical request still in flight is 409 (``00015``): the key is held for a minute and
   cleared once the action ran, so, as in production, a link refused as expired is 409 for the
   minute after;
4. a link older than an hour (the time of the call that gave it) is 410 (``00403``);
5. the document is fetched from the INPI and put in the storage: 200 with its URL and lifetime
   in the envelope of production's document serializer, or the INPI's 404.

Every answer is JSON (``application/json``, the controller's own type). The route takes no
token and no traceability parameter: the link is its credential. Each fetch is journaled, a
late one as a violation.
"""

import hashlib
from datetime import date

from flask import Flask, Request, Response, request

from mockserver import documents, world
from mockserver.documents.inpi_proxy import LABELS, PREFIX, ProxyLink
from mockserver.documents.store import DocumentRef
from mockserver.http import violations
from mockserver.http.responses import json_response, provider_error
from mockserver.http.stages import IN_FLIGHT_SECONDS
from mockserver.http.state import SandboxState
from mockserver.renderers.current import resource
from mockserver.rules.errors import ApiError, not_found_detail
from mockserver.world.rcs import rne_deposit_id

# The journal's name for the proxy, which is no catalogue route.
INPI_PROXY = "inpi_proxy"
# Production's errors of its own filters name API Entreprise; the download's name the INPI's RNE.
API_ENTREPRISE = "API Entreprise"
INPI_RNE = "INPI - RNE"
# The download's 404 (siade INPI::RNE::Download::ValidateResponse, no resource named).
DOCUMENT_NOT_FOUND = not_found_detail("L'identifiant")


def stored_document(link: ProxyLink) -> DocumentRef | None:
    """Return the stored document a link downloads, or None when the register holds no such document."""
    label, day = LABELS[link.target], date.fromisoformat(link.day)
    if link.target == "extrait":
        ref = DocumentRef(label, link.siren, "", day)
    else:
        registry = world.registration_at(link.siren, day)
        deposits = () if registry is None else registry.acts if link.target == "actes" else registry.accounts
        ids = [rne_deposit_id(deposit) for deposit in deposits]
        if link.document_id not in ids:
            return None
        ref = DocumentRef(label, link.siren, str(ids.index(link.document_id)), day)
    return ref if documents.build(ref.label, ref.identifier, ref.part, ref.day) is not None else None


def _error(key: str, provider: str, detail: str | None = None) -> tuple[int, dict]:
    """Return the status and JSON:API body of an error of the proxy."""
    return provider_error(ApiError(key, detail=detail), provider)


def download(state: SandboxState, uuid: str, host_url: str) -> tuple[int, dict, list[dict]]:
    """Answer a proxy link: its status, its body, and the rules of the real API the fetch broke."""
    store = state.documents
    link = store.inpi_proxy.open(uuid)
    if link is None:
        return *_error("invalid_uuid", API_ENTREPRISE), []
    now = state.clock()
    storage = state.limiter.storage
    in_flight = "inflight/" + hashlib.sha256(f"{INPI_PROXY}_{uuid}_{link.token_id}".encode()).hexdigest()
    if storage.incr(in_flight, expiry=IN_FLIGHT_SECONDS) > 1:
        return *_error("conflict", API_ENTREPRISE), []
    if link.expired(now):
        status, body = _error("expired_link", API_ENTREPRISE)
        return status, body, violations.inpi_link_expired(int(now) - link.timestamp, body)
    ref = stored_document(link)
    storage.clear(in_flight)
    if ref is None:
        return *_error("not_found", INPI_RNE, DOCUMENT_NOT_FOUND), []
    data = {"document_url": store.url(host_url, ref, now), "expires_in": store.lifetime(ref.label)}
    return 200, resource(data).payload, []


def fetch_link(state: SandboxState, uuid: str, request: Request) -> Response:
    """Answer a proxy link and write the fetch to the journal, late ones as violations."""
    status, body, found = download(state, uuid, request.host_url)
    state.record(request, status, endpoint=INPI_PROXY, violations=found)
    return json_response(body, status)


def register(app: Flask, state: SandboxState) -> None:
    """Add the proxy route to the application: ``/proxy/inpi/download/<uuid>``."""

    def proxied_document(uuid: str) -> Response:
        return fetch_link(state, uuid, request)

    app.add_url_rule(f"{PREFIX}<uuid>", INPI_PROXY, proxied_document, methods=["GET"])
