"""Exchanges: the journal keeps each answer with its request, and exports them as HAR 1.2 and VCR cassettes.

Whatever answers a request through Flask (the pipeline, the storage, a gone route, a miss, the MCP
endpoint) leaves the fields of its journal entry in the WSGI environment (``JOURNAL_KEY``);
``JournalWriter``, above them, adds the answer's status text, headers and body (text bodies
up to ``MAX_KEPT_BODY`` bytes; a PDF or ZIP keeps its size only) and writes the entry, before a byte
leaves. The replay of a memoised answer writes its entry itself, with the same ``kept_answer``; a
request made inside the sandbox (an MCP tool calling its route) is journalled at once, without its answer.
``GET /__admin/requests?format=har`` and ``?format=vcr`` turn the journal into the files
integrators already test with: a HAR 1.2 log, and a YAML cassette that both Ruby's VCR
(``http_interactions``) and Python's vcrpy (``interactions``, version 1) load — the same exchanges
under each library's key. Tokens stay masked as the journal masks them.
"""

from datetime import datetime
from email.utils import format_datetime
from urllib.parse import urlencode

from mockserver.state.journal import Journal, JournalEntry, RedisJournal

# Where a request's journal entry waits, in its WSGI environment, for its answer.
JOURNAL_KEY = "mockserver.journal_entry"
# A text body longer than this is not kept: the journal's thousand entries stay a few megabytes.
MAX_KEPT_BODY = 64 * 1024
TEXT_TYPES = ("text/", "application/json", "application/vnd.api+json", "application/problem+json", "application/xml")
CREATOR = {"name": "api-entreprise-sandbox", "version": "1"}
EXPORT_FORMATS = ("json", "har", "vcr")


def kept_answer(status: str, headers: list[tuple[str, str]], body: bytes) -> dict:
    """Return what the journal keeps of an answer: status text, headers, body (text, when short enough), size."""
    content_type = next((value for name, value in headers if name.lower() == "content-type"), "")
    text = None
    if content_type.startswith(TEXT_TYPES) and len(body) <= MAX_KEPT_BODY:
        text = body.decode("utf-8", errors="replace")
    return {
        "reason": status.split(" ", 1)[1] if " " in status else "",
        "headers": [[name, value] for name, value in headers],
        "content_type": content_type,
        "body": text,
        "size": len(body),
    }


class JournalWriter:
    """WSGI middleware writing each journal entry with the answer it got."""

    def __init__(self, app, journal: Journal | RedisJournal):
        self._app = app
        self._journal = journal

    def __call__(self, environ, start_response):
        sent = []

        def keeping_start_response(status, headers, exc_info=None):
            sent[:] = [status, headers]
            return start_response(status, headers, exc_info)

        environ[JOURNAL_KEY] = None  # a writer is above: an entry waits here for its answer
        answer = self._app(environ, keeping_start_response)
        fields = environ.pop(JOURNAL_KEY, None)
        if fields is None:
            return answer
        try:
            body = b"".join(answer)
        finally:
            if hasattr(answer, "close"):
                answer.close()
        self._journal.record(**fields, response=kept_answer(*sent, body))
        return [body]


def _url(base_url: str, entry: JournalEntry) -> str:
    """Return the URL of a journal entry's request on the sandbox at ``base_url`` (token masked)."""
    query = urlencode(entry.params, doseq=True)
    return f"{base_url.rstrip('/')}{entry.path}{'?' + query if query else ''}"


def _exchanged(entries: list[JournalEntry]) -> list[JournalEntry]:
    """Return the entries that kept their answer (a request made inside the sandbox has none)."""
    return [entry for entry in entries if entry.response]


def har(entries: list[JournalEntry], base_url: str) -> dict:
    """Return the journal as a HAR 1.2 log."""
    log_entries = []
    for entry in _exchanged(entries):
        answer = entry.response
        content = {"size": answer["size"], "mimeType": answer["content_type"]}
        if answer["body"] is not None:
            content["text"] = answer["body"]
        location = next((value for name, value in answer["headers"] if name.lower() == "location"), "")
        log_entries.append(
            {
                "startedDateTime": entry.time,
                "time": 0,
                "request": {
                    "method": entry.method,
                    "url": _url(base_url, entry),
                    "httpVersion": "HTTP/1.1",
                    "cookies": [],
                    "headers": [],
                    "queryString": [
                        {"name": name, "value": value} for name, values in entry.params.items() for value in values
                    ],
                    "headersSize": -1,
                    "bodySize": 0,
                },
                "response": {
                    "status": entry.status,
                    "statusText": answer["reason"],
                    "httpVersion": "HTTP/1.1",
                    "cookies": [],
                    "headers": [{"name": name, "value": value} for name, value in answer["headers"]],
                    "content": content,
                    "redirectURL": location,
                    "headersSize": -1,
                    "bodySize": answer["size"],
                },
                "cache": {},
                "timings": {"send": 0, "wait": 0, "receive": 0},
                "comment": f"route {entry.endpoint}, scenario {entry.scenario}",
            }
        )
    return {"log": {"version": "1.2", "creator": CREATOR, "entries": log_entries}}


def _headers(answer: dict) -> dict[str, list[str]]:
    """Return an answer's headers as both VCR libraries write them: each name to its list of values."""
    headers: dict[str, list[str]] = {}
    for name, value in answer["headers"]:
        headers.setdefault(name, []).append(value)
    return headers


def vcr(entries: list[JournalEntry], base_url: str) -> str:
    """Return the journal's text answers as a YAML cassette Ruby's VCR and Python's vcrpy both replay."""
    import yaml  # only an export needs it: the server's start does not pay for it

    kept = [entry for entry in _exchanged(entries) if entry.response["body"] is not None]
    ruby, python = [], []
    for entry in kept:
        answer, url = entry.response, _url(base_url, entry)
        ruby.append(
            {
                "request": {
                    "method": entry.method.lower(),
                    "uri": url,
                    "body": {"encoding": "UTF-8", "string": ""},
                    "headers": {},
                },
                "response": {
                    "status": {"code": entry.status, "message": answer["reason"]},
                    "headers": _headers(answer),
                    "body": {"encoding": "UTF-8", "string": answer["body"]},
                    "http_version": None,
                },
                "recorded_at": format_datetime(datetime.fromisoformat(entry.time), usegmt=True),
            }
        )
        python.append(
            {
                "request": {"method": entry.method, "uri": url, "body": None, "headers": {}},
                "response": {
                    "status": {"code": entry.status, "message": answer["reason"]},
                    "headers": _headers(answer),
                    "body": {"string": answer["body"]},
                },
            }
        )
    cassette = {"http_interactions": ruby, "recorded_with": "VCR 6.0.0", "interactions": python, "version": 1}
    return yaml.safe_dump(cassette, allow_unicode=True, sort_keys=False)
