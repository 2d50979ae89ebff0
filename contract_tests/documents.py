"""PDF and ZIP bodies, registered with schemathesis so that binary answers are checked, not skipped.

A document is valid when a real reader opens it: pypdf for a PDF (at least one page), the
standard ``zipfile`` for an archive (at least one member, every CRC right). The deserializers
return a small summary that a response schema can constrain; a broken file raises.
"""

import io
import zipfile
from urllib.parse import urlsplit

import schemathesis
from pypdf import PdfReader

from mockserver.documents.inpi_proxy import PREFIX as PROXY_PREFIX
from mockserver.documents.store import CONTAINER

PDF = "application/pdf"
ZIP = "application/zip"
# The object storage's container: a document URL is ``<storage>/siade/<name>`` (CONTRACT §1.8); other
# URLs of an answer (a register's page, a certificate's public card) are the providers' web pages.
STORAGE_PREFIX = f"/{CONTAINER}/"
# The INPI RNE's documents are links to production's proxy, whose JSON answer names the storage URL.
DOCUMENT_PREFIXES = (STORAGE_PREFIX, PROXY_PREFIX)


def read_pdf(content: bytes) -> dict:
    """Open a PDF as a reader does; return its page count."""
    if not content.startswith(b"%PDF-"):
        raise ValueError("not a PDF: the body does not start with %PDF-")
    reader = PdfReader(io.BytesIO(content), strict=True)
    pages = len(reader.pages)
    if not pages:
        raise ValueError("a PDF without any page")
    return {"pages": pages, "text": reader.pages[0].extract_text()}


def read_zip(content: bytes) -> dict:
    """Open a ZIP archive and check every member; return the members' names."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        broken = archive.testzip()
        if broken is not None:
            raise ValueError(f"a ZIP member with a bad CRC: {broken}")
        names = archive.namelist()
    if not names:
        raise ValueError("an empty ZIP archive")
    return {"members": names}


READERS = {PDF: read_pdf, ZIP: read_zip}


@schemathesis.deserializer(PDF)
def deserialize_pdf(ctx: schemathesis.DeserializationContext, response: schemathesis.Response) -> dict:
    """Read a PDF answer for schema validation."""
    return read_pdf(response.content)


@schemathesis.deserializer(ZIP, "application/x-zip-compressed")
def deserialize_zip(ctx: schemathesis.DeserializationContext, response: schemathesis.Response) -> dict:
    """Read a ZIP answer for schema validation."""
    return read_zip(response.content)


def proxy_link(url: str) -> bool:
    """Tell whether ``url`` is an INPI RNE proxy link rather than the storage's."""
    return urlsplit(url).path.startswith(PROXY_PREFIX)


def document_urls(body) -> list[str]:
    """Return every URL of the document storage or of the INPI proxy a JSON answer carries, at any depth."""
    if isinstance(body, str):
        parts = urlsplit(body)
        return [body] if parts.scheme in ("http", "https") and parts.path.startswith(DOCUMENT_PREFIXES) else []
    values = body.values() if isinstance(body, dict) else body if isinstance(body, list) else []
    return [url for value in values for url in document_urls(value)]
