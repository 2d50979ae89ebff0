"""Replay of memoised answers: a WSGI layer that answers a repeated catalogue request without Flask.

Answers are deterministic: the same request (path, query string, host, token, scenario and
clock headers) on the same day of the world's default instant gets the same bytes, except for
the parts that depend on the time or on the sandbox's state. The pipeline offers every answer
that depends on neither (``offer``): no forced scenario, no document URL or provider quota (the
call stayed ``stateful=False``), no slow provider, a verified token, a budget not spent. The
second time a request comes, this layer keeps the status, headers and body Flask sent for it,
in a bounded memo; from the third on, it answers the request itself, doing what changes from
call to call as the pipeline does: the token's expiry, the in-flight key (409 while an
identical request holds it), the rate-limit counter and its headers, the journal entry with the
same violations (``exchanges``), the route and scenario for the access log. Whatever it cannot replay exactly
goes through Flask and the whole pipeline as before: a forced scenario, a token past its
expiry, a client still told to wait, a request that would spend the budget.

It needs counters that can count within a budget, i.e. in this process: with Redis storage
the application runs without it.
"""

import sys
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import orjson

from mockserver.http.accesslog import ROUTE_KEY
from mockserver.http.exchanges import kept_answer
from mockserver.http.stages import IN_FLIGHT_SECONDS
from mockserver.http.state import SandboxState
from mockserver.state.journal import JournalEntry, masked, stamp

# Where the pipeline leaves its offer for the layer, in the request's WSGI environment.
OFFER_KEY = "mockserver.replayable"
# The request's parts an answer depends on (the host is in the links it contains).
KEY_FIELDS = (
    "PATH_INFO",
    "QUERY_STRING",
    "HTTP_HOST",
    "HTTP_AUTHORIZATION",
    "HTTP_X_API_KEY",
    "HTTP_X_MOCK_SCENARIO",
    "HTTP_PREFER",
    "HTTP_X_MOCK_CLOCK",
    # A 304 answers the ETag a client already holds; a malformed Accept is a 400.
    "HTTP_IF_NONE_MATCH",
    "HTTP_ACCEPT",
    # The CORS headers answer the caller's origin.
    "HTTP_ORIGIN",
    "wsgi.url_scheme",
    "SCRIPT_NAME",
)
# Headers the replay writes anew on each call.
RATE_LIMIT_HEADERS = frozenset({"ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "retry-after"})
# Bounds of the memo: a test suite repeats a few hundred requests; bodies are 1-3 kB. An answer is
# kept the second time it is asked for: requests seen once (the keys of MAX_SEEN) cost no copy.
MAX_ANSWERS = 1024
MAX_SEEN = 4096
MAX_BYTES = 4 * 1024 * 1024
MAX_BODY_BYTES = 64 * 1024
# A request whose key is longer is left to the pipeline: a real client's path, query and token fit in a
# few kB, and a hostile caller's long tokens would otherwise fill the seen keys (4,096 of them) with copies.
MAX_KEY_CHARS = 8 * 1024


@dataclass(slots=True)
class Replayable:
    """What the pipeline knows of a replayable answer: what to redo on each call, what to journal."""

    status: int
    route: dict
    journal_fields: dict
    token_expires_at: int | None
    # The token and group the rate limit counts the request under (None: not counted).
    raw_token: str | None
    rate_group: str | None
    counted: bool
    # The key an identical request holds while in flight (v3 and v4), held and cleared on each replay.
    in_flight: str | None = None


@dataclass(frozen=True)
class Answer:
    """A memoised answer: the bytes Flask sent, without the rate-limit headers, and the offer.

    The journal entry's fields are kept masked, as JSON, so that each replay journals objects of its own
    without masking them again; what the journal keeps of the answer is made once (its body decoded once),
    only its headers each time.
    """

    status: str
    headers: list[tuple[str, str]]
    body: bytes
    offer: Replayable
    journal_fields: bytes
    kept: dict = field(init=False, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "kept", kept_answer(self.status, self.headers, self.body))


def offer(environ: dict, replayable: Replayable) -> None:
    """Tell the layer that the answer being sent can be replayed."""
    environ[OFFER_KEY] = replayable


def request_key(environ: dict) -> tuple | None:
    """Return what identifies a GET request's answer, or None for a request the layer leaves alone."""
    if environ.get("REQUEST_METHOD") != "GET" or "HTTP_HOST" not in environ:
        return None
    # A body's parameters are the request's too (Rails reads them): such a request is left to the pipeline.
    if environ.get("CONTENT_LENGTH", "0") not in ("", "0") or "HTTP_TRANSFER_ENCODING" in environ:
        return None
    values = tuple(map(environ.get, KEY_FIELDS))
    return None if sum(map(len, filter(None, values))) > MAX_KEY_CHARS else values


def interned(key: tuple) -> tuple:
    """Return ``key`` as the memo keeps it: a client sends the same token (1-2 kB) on every request, kept once."""
    return tuple(sys.intern(value) if type(value) is str else value for value in key)


def exact(data: bytes) -> bytes:
    """Return a copy of ``data`` in memory of its size (orjson's results keep their whole buffer)."""
    return bytes(memoryview(data))


class AnswerMemo:
    """The most recently used answers, bounded in number and in bytes; thread-safe."""

    def __init__(self, max_answers: int = MAX_ANSWERS, max_bytes: int = MAX_BYTES, max_seen: int = MAX_SEEN):
        self._answers: OrderedDict[tuple, Answer] = OrderedDict()
        self._bytes = 0
        self._max_answers = max_answers
        self._max_bytes = max_bytes
        self._seen: OrderedDict[tuple, None] = OrderedDict()
        self._max_seen = max_seen
        self._lock = threading.Lock()

    def seen_before(self, key: tuple) -> bool:
        """Tell whether ``key`` was asked for recently, remembering that it was asked for now."""
        with self._lock:
            if key in self._seen:
                return True
            self._seen[interned(key)] = None
            if len(self._seen) > self._max_seen:
                self._seen.popitem(last=False)
            return False

    def get(self, key: tuple) -> Answer | None:
        """Return the answer of ``key``, if kept, as the most recently used."""
        with self._lock:
            answer = self._answers.get(key)
            if answer is not None:
                self._answers.move_to_end(key)
            return answer

    def put(self, key: tuple, answer: Answer) -> None:
        """Keep ``answer``, forgetting the least recently used ones beyond the bounds."""
        with self._lock:
            previous = self._answers.pop(key, None)
            if previous is not None:
                self._bytes -= len(previous.body)
            self._answers[interned(key)] = answer
            self._bytes += len(answer.body)
            while len(self._answers) > self._max_answers or self._bytes > self._max_bytes:
                _, evicted = self._answers.popitem(last=False)
                self._bytes -= len(evicted.body)

    def __contains__(self, key: tuple) -> bool:
        with self._lock:
            return key in self._answers

    def __len__(self) -> int:
        return len(self._answers)


class AnswerReplay:
    """Wrap the Flask application: replay memoised answers, memoise the replayable ones it answers."""

    def __init__(self, app, state: SandboxState, memo: AnswerMemo | None = None):
        self._app = app
        self._state = state
        self.memo = memo or AnswerMemo()

    def _key(self, environ: dict) -> tuple | None:
        """Return the memo's key of a request: what identifies its answer, and the world's day."""
        key = request_key(environ)
        # The world changes from day to day (today's, or the one pinned): an answer is kept for its day.
        return None if key is None else key + (self._state.world_day(),)

    def __call__(self, environ, start_response):
        key = self._key(environ)
        if key is not None and not self._state.forced.active:
            answer = self.memo.get(key)
            if answer is not None and self._replay(answer, environ, start_response):
                return [answer.body]
        if key is None or not self.memo.seen_before(key):
            return self._app(environ, start_response)
        return self._answer(key, environ, start_response)

    def _replay(self, answer: Answer, environ: dict, start_response) -> bool:
        """Send ``answer`` again, as the pipeline would; False, having done nothing, where it cannot."""
        state, offer = self._state, answer.offer
        now = state.clock()
        if offer.token_expires_at is not None and offer.token_expires_at < now:
            return False
        headers = answer.headers
        if offer.rate_group is not None and state.pacing.too_early(offer.raw_token, offer.rate_group, now):
            return False
        # An identical request in flight: the pipeline answers 409. Checked before the budget is spent,
        # so that the pipeline counts the request once.
        storage = state.limiter.storage
        if offer.in_flight is not None and storage.incr(offer.in_flight, expiry=IN_FLIGHT_SECONDS) > 1:
            return False
        if offer.rate_group is not None and offer.counted:
            budget = state.limiter.hit_within(offer.rate_group, offer.raw_token, now)
            if budget is None:
                if offer.in_flight is not None:
                    storage.clear(offer.in_flight)
                return False
            headers = headers + list(budget.headers(now).items())
        if offer.in_flight is not None:
            storage.clear(offer.in_flight)
        environ[ROUTE_KEY] = offer.route
        response = {**answer.kept, "headers": list(map(list, headers))}
        state.journal.append(JournalEntry(time=stamp(), **orjson.loads(answer.journal_fields), response=response))
        start_response(answer.status, headers)
        return True

    def _answer(self, key: tuple, environ: dict, start_response):
        """Answer through Flask; keep the answer if the pipeline offered it."""
        sent = []

        def keeping_start_response(status, headers, exc_info=None):
            sent[:] = [status, headers]
            return start_response(status, headers, exc_info)

        body = self._app(environ, keeping_start_response)
        offered = environ.pop(OFFER_KEY, None)
        if offered is None or not sent or not sent[0].startswith(f"{offered.status} "):
            return body
        try:
            data = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        entry_fields = masked(**offered.journal_fields)
        fields = orjson.dumps(entry_fields)
        # Only what JSON gives back as it was (no tuple, no non-string key) is journalled from JSON.
        if len(data) <= MAX_BODY_BYTES and orjson.loads(fields) == entry_fields:
            kept = [(name, value) for name, value in sent[1] if name.lower() not in RATE_LIMIT_HEADERS]
            if offered.raw_token:
                offered.raw_token = sys.intern(offered.raw_token)
            self.memo.put(key, Answer(sent[0], kept, exact(data), offered, exact(fields)))
        return [data]
