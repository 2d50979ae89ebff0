"""The Accept header as Rails negotiates it: a media type it cannot parse is a 400 (``00401``).

Before any filter of a controller, Rails reads the request's formats (``ActionController::Rendering``):
the ``format`` path parameter when there is one (a ``.json`` suffix), else the Accept header unless
it looks like a browser's (``*/*`` among others) or is empty. Each media range of it, its parameters
dropped and lowered, must be ``*/*`` or ``type/subtype`` of MIME characters (``Mime::Type``), or the
request is refused with the range named as Ruby inspects it.
"""

import json
import re

# Mime::Type's names: a letter or digit, then up to 126 of these.
MIME_NAME = r"[a-zA-Z0-9][a-zA-Z0-9!#$&\-^_.+]{0,126}"
MIME_TYPE = re.compile(rf"\*/\*|{MIME_NAME}/(?:\*|{MIME_NAME})\s*")
# ActionDispatch::Request::BROWSER_LIKE_ACCEPTS: such a header is not parsed at all.
BROWSER_LIKE = re.compile(r",\s*\*/\*|\*/\*\s*,")


def invalid_range(accept: str | None) -> str | None:
    """Return the first media range of ``accept`` Rails cannot parse, or None when it parses (or is not read)."""
    header = (accept or "").strip()
    if not header or BROWSER_LIKE.search(header):
        return None
    for media_range in header.split(","):
        name = media_range.split(";", 1)[0].strip().lower()
        if name and not MIME_TYPE.fullmatch(name):
            return name
    return None


def detail(media_range: str) -> str:
    """Return production's detail: BadRequestError's sentence and Mime::Type's message."""
    return f"Votre requête est invalide: {json.dumps(media_range, ensure_ascii=False)} is not a valid MIME type"
