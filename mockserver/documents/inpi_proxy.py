"""The INPI RNE documents' links: production's proxy ``/proxy/inpi/download/<uuid>``, sealed with the sandbox secret.

Production does not link an RNE deposit or extract to its storage. The JSON of ``actes_bilans``
and ``extrait_rne`` gives ``<host>/proxy/inpi/download/<uuid>``, the uuid an encrypted JSON of
the target (``actes``, ``bilans`` or ``extrait``), the document's id (a deposit's, or the SIREN
for the extract), the time of the call and the token's id (the sandbox adds the world's day);
fetching the link downloads the document from the INPI into the storage and answers its URL, for
an hour after the call (siade ``INPIProxyController``, ``ActesBilans::BuildResource#link``).

The sandbox's uuid is the url-safe base64 of that JSON, with the SIREN the deposit belongs to
(which a deposit id does not tell the sandbox), followed by an HMAC-SHA256 tag under a key
derived from the sandbox secret. A uuid the sandbox did not issue, or altered by a single
character, does not open, as production's does not decrypt; nothing is kept, so replicas
sharing the secret open each other's links. The JSON is not hidden: the secret is public.
"""

import base64
import binascii
import hashlib
import hmac
import json
import re
from dataclasses import asdict, dataclass

PREFIX = "/proxy/inpi/download/"
# A link answers for an hour after the call that gave it (siade INPIProxyController#expired_uuid?).
LIFETIME_SECONDS = 3600
TAG_BYTES = 16
# Url-safe base64, its padding optional as Ruby's urlsafe_decode64 takes it.
UUID_SHAPE = re.compile(r"[A-Za-z0-9_-]+={0,2}")
# The storage's label of each target's document: production's file names (siade */UploadDocument#filename).
LABELS = {"actes": "actes_download_inpi", "bilans": "bilans_download_inpi", "extrait": "extrait_rne_download_inpi"}


@dataclass(frozen=True)
class ProxyLink:
    """What a proxy link stands for: production's four fields, and the SIREN of the document."""

    target: str
    document_id: str
    siren: str
    timestamp: int
    token_id: str | None
    # The world's day of the call (ISO): the document downloaded is the register's of that day.
    day: str

    def expired(self, now: float) -> bool:
        """Tell whether the link is past its hour at ``now`` (production compares whole seconds)."""
        return int(now) - self.timestamp > LIFETIME_SECONDS


class InpiProxy:
    """Seal proxy links into uuids and open them again."""

    def __init__(self, secret: str):
        self._key = hmac.new(secret.encode(), b"api-entreprise-sandbox/inpi-proxy", hashlib.sha256).digest()

    def _tag(self, payload: bytes) -> bytes:
        """Return the tag that authenticates a payload."""
        return hmac.new(self._key, payload, hashlib.sha256).digest()[:TAG_BYTES]

    def uuid(self, link: ProxyLink) -> str:
        """Return the uuid of ``link``: its JSON and tag, in url-safe base64."""
        payload = json.dumps(asdict(link), separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(payload + self._tag(payload)).decode("ascii")

    def url(self, host_url: str, link: ProxyLink) -> str:
        """Return the proxy URL of ``link`` on the host the request came to."""
        return f"{host_url.rstrip('/')}{PREFIX}{self.uuid(link)}"

    def open(self, uuid: str) -> ProxyLink | None:
        """Return the link a uuid the sandbox issued stands for, or None (garbled, forged, another secret's)."""
        if not UUID_SHAPE.fullmatch(uuid):
            return None
        try:
            sealed = base64.urlsafe_b64decode(uuid + "=" * (-len(uuid) % 4))
        except binascii.Error:
            return None
        payload, tag = sealed[:-TAG_BYTES], sealed[-TAG_BYTES:]
        if not payload or not hmac.compare_digest(tag, self._tag(payload)):
            return None
        return ProxyLink(**json.loads(payload))
