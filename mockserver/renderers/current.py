"""What every v3/v4 data route shares: the envelope, collections, and document URLs (CONTRACT §3.4, §3.7).

A single resource is ``{"data", "links", "meta"}``; a collection wraps each item in its own
envelope. A document is the URL of a copy in the sandbox's storage (``mockserver.documents.store``)
with the seconds it has left: ``expires_in`` in v3, ``document_url_expires_in`` in v4. The
URL lives as long as the storage keeps it, so that is the figure the answer gives. The INPI
RNE's documents are links to production's proxy instead (``inpi_proxy_url``), whose answer
gives the storage URL.
"""

from mockserver.documents.inpi_proxy import ProxyLink
from mockserver.documents.store import DocumentRef
from mockserver.renderers.call import Call, Reply

EXPIRES_IN = {"v3": "expires_in", "v4": "document_url_expires_in"}


def resource(data: dict, meta: dict | None = None, links: dict | None = None) -> Reply:
    """Return a single resource in its envelope."""
    return Reply({"data": data, "links": links or {}, "meta": meta or {}})


def collection(items: list[dict], meta: dict | None = None, item_metas: list[dict] | None = None) -> Reply:
    """Return a collection: each item in its own envelope (with its own meta, if any), then the collection's."""
    metas = item_metas or [{} for _ in items]
    envelopes = [{"data": item, "links": {}, "meta": item_meta} for item, item_meta in zip(items, metas, strict=True)]
    return Reply({"data": envelopes, "links": {}, "meta": meta or {}})


def document_url(call: Call, label: str, identifier: str, part: str = "") -> str:
    """Return the storage URL of a document, issued now, on the request's host."""
    return call.documents.url(call.host_url, DocumentRef(label, identifier, part, call.today), call.now)


def inpi_proxy_url(call: Call, target: str, document_id: str, siren: str) -> str:
    """Return the link to an INPI RNE document: its proxy, sealed with the time of the call and the token's id.

    A call rendered without a token (the catalogue's probes for sample identifiers) names none.
    """
    token_id = call.token.jti if call.token else None
    link = ProxyLink(target, document_id, siren, int(call.now), token_id, call.today.isoformat())
    return call.documents.inpi_proxy.url(call.host_url, link)


def document(call: Call, version: str, label: str, identifier: str) -> dict:
    """Return a document's URL and lifetime, named as API ``version`` names them."""
    return {"document_url": document_url(call, label, identifier), EXPIRES_IN[version]: call.documents.ttl_seconds}
