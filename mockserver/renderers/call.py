"""What flows through the pipeline: the call being answered, and the reply to it."""

from dataclasses import dataclass, field

from werkzeug.datastructures import MultiDict

from mockserver.documents.store import DocumentStore
from mockserver.rules.auth import Token
from mockserver.rules.ratelimit import RateLimiter

JSON_CONTENT_TYPE = "application/json; charset=utf-8"
# What v3 and v4 routes answer with once the request reached the provider stage (CONTRACT §3.1).
JSON_API_CONTENT_TYPE = "application/vnd.api+json"


@dataclass
class Call:
    """One request to a catalogue route, filled in stage by stage."""

    path_params: dict[str, str]
    args: MultiDict
    host_url: str
    query_string: str
    now: float
    token: Token | None = None
    scenario: str | None = None
    # The sandbox's document storage (URLs of documents) and counters (providers' quotas).
    documents: DocumentStore | None = None
    limiter: RateLimiter | None = None

    @property
    def json_api_errors(self) -> bool:
        """Tell whether the client asked for JSON:API error objects (v2 ``error_format``)."""
        return self.args.get("error_format") == "json_api"

    def flag(self, name: str) -> bool:
        """Tell whether the boolean query option ``name`` is on: only the exact string "true"."""
        return self.args.get(name) == "true"


@dataclass
class Reply:
    """A successful outcome: a status, a JSON payload or raw bytes, extra headers."""

    payload: dict | list | None = None
    status: int = 200
    body: bytes | None = None
    content_type: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
