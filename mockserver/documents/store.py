"""The sandbox's object storage: document URLs that carry their document, and serving them.

The real API re-uploads every document to its object storage and answers with its URL,
``<storage>/siade/<unix_ts>-<hex>-<label>.<ext>``; the object is deleted after 24 h (CONTRACT
§1.8), or sooner when the provider's organizer says so. The sandbox serves the same names from
its own host, under the same ``/siade/`` container, and keeps no file at all: the hex part is
the document reference (identifier, part and the world's day it was issued on), encrypted and
authenticated with a key derived from the sandbox secret, so any replica sharing the secret
rebuilds the same bytes from the name alone. The INPI RNE's documents are reached through
production's proxy links first, which the store seals too (``inpi_proxy``).

The sealing is a synthetic-IV construction on HMAC-SHA256: the tag is the HMAC of the
timestamp, the label and the reference, and the reference is XORed with a keystream drawn
from the tag. The same document issued at the same second has the same name; altering any
character of a name (the timestamp included, so a lifetime cannot be stretched) breaks the
tag. A name the store did not issue, one past its lifetime or one that escapes the
container answers 404, as the object storage does, with no token and no traceability
parameter: the storage is not an API route.
"""

import hashlib
import hmac
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from email.utils import formatdate

from flask import Response

from mockserver import documents
from mockserver.clock import FIRST_YEAR, HISTORY_END
from mockserver.documents.inpi_proxy import InpiProxy

CONTAINER = "siade"
TAG_BYTES = 10
# Days are counted from the first the world can be read on.
EPOCH = date(FIRST_YEAR, 1, 1).toordinal()
NAME = re.compile(
    r"(?P<issued>[0-9]{1,12})-(?P<sealed>(?:[0-9a-f]{2}){11,42})-(?P<label>[a-z_]{1,64})\.(?P<extension>[a-z]{3})"
)
# The storage's own page for a missing object (OpenStack Swift's), not an API error body.
NOT_FOUND_PAGE = b"<html><h1>Not Found</h1><p>The resource could not be found.</p></html>"
DISPOSITIONS = {"pdf": "inline", "zip": "attachment"}


@dataclass(frozen=True)
class DocumentRef:
    """Which document a URL stands for: its label, the identifier asked for, which part, the world's day it is of."""

    label: str
    identifier: str
    part: str = ""
    day: date = HISTORY_END


class DocumentStore:
    """Issue signed document names and serve them back while they live."""

    def __init__(self, secret: str, ttl_seconds: int, clock: Callable[[], float] = time.time):
        self._key = hmac.new(secret.encode(), b"api-entreprise-sandbox/document-storage", hashlib.sha256).digest()
        self.ttl_seconds = ttl_seconds
        self.clock = clock
        # The links production puts in front of the INPI RNE's documents, sealed with the same secret.
        self.inpi_proxy = InpiProxy(secret)

    def _mac(self, message: bytes) -> bytes:
        """Return the HMAC-SHA256 of ``message`` under the storage key."""
        return hmac.new(self._key, message, hashlib.sha256).digest()

    def _tag(self, issued_at: int, label: str, reference: bytes) -> bytes:
        """Return the tag binding a reference to its timestamp and label."""
        return self._mac(f"{issued_at}-{label}-".encode() + reference)[:TAG_BYTES]

    def _keystream(self, tag: bytes) -> bytes:
        """Return the keystream that hides a reference, drawn from its tag."""
        return self._mac(b"keystream-" + tag)

    def name(self, ref: DocumentRef, issued_at: int) -> str:
        """Return the file name of ``ref`` issued at ``issued_at``: ``<ts>-<hex>-<label>.<ext>``."""
        # The day as a count of days keeps the reference within the keystream's 32 bytes.
        reference = f"{ref.identifier}/{ref.part}/{ref.day.toordinal() - EPOCH}".encode()
        tag = self._tag(issued_at, ref.label, reference)
        sealed = tag + bytes(a ^ b for a, b in zip(reference, self._keystream(tag), strict=False))
        return f"{issued_at}-{sealed.hex()}-{ref.label}.{documents.KINDS[ref.label].extension}"

    def url(self, host_url: str, ref: DocumentRef, issued_at: float) -> str:
        """Return the URL of ``ref`` on the host the request came to."""
        return f"{host_url}{CONTAINER}/{self.name(ref, int(issued_at))}"

    def _open(self, name: str) -> tuple[DocumentRef, int] | None:
        """Return the document a name the store issued stands for and when, alive or not (None: not issued)."""
        match = NAME.fullmatch(name)
        if not match or match["label"] not in documents.KINDS:
            return None
        if documents.KINDS[match["label"]].extension != match["extension"]:
            return None
        issued_at = int(match["issued"])
        sealed = bytes.fromhex(match["sealed"])
        tag, hidden = sealed[:TAG_BYTES], sealed[TAG_BYTES:]
        reference = bytes(a ^ b for a, b in zip(hidden, self._keystream(tag), strict=False))
        if not hmac.compare_digest(tag, self._tag(issued_at, match["label"], reference)):
            return None
        identifier, _, rest = reference.decode("ascii").partition("/")
        part, _, day = rest.rpartition("/")
        if not day.isdigit():
            return None
        return DocumentRef(match["label"], identifier, part, date.fromordinal(int(day) + EPOCH)), issued_at

    def lifetime(self, label: str) -> int:
        """Return the seconds a document of ``label`` is kept: the storage's, or its provider's if shorter."""
        return min(self.ttl_seconds, documents.KINDS[label].lifetime or self.ttl_seconds)

    def _alive(self, ref: DocumentRef, issued_at: int) -> bool:
        """Tell whether the document ``ref`` issued at ``issued_at`` is still stored."""
        return self.clock() < issued_at + self.lifetime(ref.label)

    def resolve(self, name: str) -> DocumentRef | None:
        """Return the document a live name stands for, or None (unknown, altered or expired)."""
        opened = self._open(name)
        return opened[0] if opened and self._alive(*opened) else None

    def expired(self, name: str) -> bool:
        """Tell whether ``name`` is one the store issued whose lifetime is over."""
        opened = self._open(name)
        return bool(opened) and not self._alive(*opened)

    def serve(self, name: str) -> Response:
        """Answer a storage request: the document with its headers, or the storage's 404."""
        ref = self.resolve(name)
        body = documents.build(ref.label, ref.identifier, ref.part, ref.day) if ref else None
        if body is None:
            return Response(NOT_FOUND_PAGE, status=404, content_type="text/html; charset=UTF-8")
        kind = documents.KINDS[ref.label]
        issued_at = int(name.split("-", 1)[0])
        return Response(
            body,
            content_type=kind.content_type,
            headers={
                "Content-Disposition": f'{DISPOSITIONS[kind.extension]}; filename="{name}"',
                "ETag": f'"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"',
                "Last-Modified": formatdate(issued_at, usegmt=True),
                "X-Delete-At": str(issued_at + self.lifetime(ref.label)),
            },
        )
