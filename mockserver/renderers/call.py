"""What flows through the pipeline: the call being answered, and the reply to it."""

from dataclasses import dataclass, field
from datetime import date, datetime

from werkzeug.datastructures import MultiDict

from mockserver import clock
from mockserver.documents.store import DocumentStore
from mockserver.rules.auth import Token
from mockserver.rules.ratelimit import RateLimiter

JSON_CONTENT_TYPE = "application/json; charset=utf-8"
# What v3 and v4 routes answer with once the request reached the provider stage (CONTRACT §3.1).
JSON_API_CONTENT_TYPE = "application/vnd.api+json"


class Call:
    """One request to a catalogue route, filled in stage by stage.

    The clock, the document storage and the counters are read through properties that mark
    the call ``stateful``: an answer built from them (a document URL, a daily quota) depends
    on when it is asked, so it is never replayed from memory (``mockserver.http.replay``).
    The world's instant ``at`` is not: the replay keys on its day. A call built outside a request
    (a probe for a sample identifier) reads the world at the end of its drawn history.
    """

    __slots__ = (
        "path_params",
        "args",
        "host_url",
        "query_string",
        "token",
        "scenario",
        "stateful",
        "_now",
        "_documents",
        "_limiter",
        "in_flight",
        "at",
    )

    def __init__(
        self,
        path_params: dict[str, str],
        args: MultiDict,
        host_url: str,
        query_string: str,
        now: float,
        token: Token | None = None,
        scenario: str | None = None,
        documents: DocumentStore | None = None,
        limiter: RateLimiter | None = None,
        at: datetime | None = None,
    ):
        self.path_params = path_params
        self.args = args
        self.host_url = host_url
        self.query_string = query_string
        self.token = token
        self.scenario = scenario
        self.stateful = False
        self._now = now
        # The sandbox's document storage (URLs of documents) and counters (providers' quotas).
        self._documents = documents
        self._limiter = limiter
        # The key the request holds while in flight (v3 and later), to clear once it is answered.
        self.in_flight: str | None = None
        # The world's instant the request reads it at (X-Mock-Clock, the pinned clock, or today), once settled.
        self.at = at or datetime.combine(clock.HISTORY_END, clock.NOON, clock.PARIS)

    @property
    def received_at(self) -> float:
        """Return the time of the request for the pipeline's token check (the replay checks expiry itself)."""
        return self._now

    @property
    def today(self) -> date:
        """Return the day of the world's instant, in Paris."""
        return self.at.astimezone(clock.PARIS).date()

    @property
    def now(self) -> float:
        """Return the time of the request, marking the call stateful."""
        self.stateful = True
        return self._now

    @property
    def documents(self) -> DocumentStore | None:
        """Return the document storage, marking the call stateful."""
        self.stateful = True
        return self._documents

    @property
    def limiter(self) -> RateLimiter | None:
        """Return the counters, marking the call stateful."""
        self.stateful = True
        return self._limiter

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
