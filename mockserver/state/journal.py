"""The request journal: a bounded record of what clients asked and what they got.

Each entry (``JournalEntry``) holds the method, the path, the query parameters (tokens masked),
the status, the scenario played, the catalogue route, the rules of the real API the request broke
(``mockserver.http.violations``, none by default) and what the journal keeps of the answer
(``http.exchanges``); a request no route answered has, instead of a route, the one it was nearest
and why it missed it (``near_miss``, see ``http.near_miss``). A token is masked under its name
(``token``) and, whatever its name or place, by its shape: a JWT anywhere in the path, a
parameter's name or value (``access_token=``, ``token[]=``) is ``MASK``. An entry's JSON form
(``to_json``, ``from_json``) is what the admin API serves and the kit reads back. Entries live in
the process (``Journal``) or, so that replicas keep one journal, in a Redis list (``RedisJournal``);
``open_journal`` picks by the storage URL. While Redis does not answer, the Redis journal
records into, and reads from, a ring in the process (``shared_state``).
"""

import json
import re
import threading
from collections import deque
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime

from mockserver.state import shared_state

MASK = "[masqué]"
SECRET_PARAMS = ("token",)
# A JWT: three base64url parts, the first a JSON header ('{"' is "eyJ"); the signature may be empty (alg none).
JWT = re.compile(r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
# A path or parameter value longer than this is kept cut, with how long it was: a caller sending
# 400 KB queries would otherwise make the journal's thousand entries weigh hundreds of megabytes.
LONGEST_VALUE = 2048
REDIS_KEY = f"{shared_state.KEY_PREFIX}:journal"


def _cut(text: str) -> str:
    """Return ``text``, or its beginning and its length when it is longer than ``LONGEST_VALUE``."""
    return text if len(text) <= LONGEST_VALUE else f"{text[:LONGEST_VALUE]}…[{len(text)} caractères]"


def mask_tokens(text: str) -> str:
    """Return ``text`` with every JWT in it masked."""
    return JWT.sub(MASK, text) if "eyJ" in text else text


def stamp() -> str:
    """Return the time a journal entry written now is stamped with."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def masked(*, violations: list[dict] | None = None, **given) -> dict:
    """Return the fields of a request's entry but its time: secrets masked, long values cut."""
    params = given.get("params")
    if params:
        given["params"] = {
            _cut(mask_tokens(key)): (
                [MASK] * len(values) if key in SECRET_PARAMS else [_cut(mask_tokens(value)) for value in values]
            )
            for key, values in params.items()
        }
    if given.get("path"):
        given["path"] = _cut(mask_tokens(given["path"]))
    given["missed"] = "near_miss" in given
    given["violations"] = violations or []
    return given


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One request the sandbox answered, as the journal keeps it: stamped, tokens masked, long values cut."""

    time: str
    method: str
    path: str
    params: dict[str, list[str]]
    status: int
    scenario: str | None = None
    endpoint: str | None = None
    violations: list[dict] = field(default_factory=list)
    # A request no route answered: the route it was nearest and why it missed it (None: none was near).
    missed: bool = False
    near_miss: dict | None = None
    # What the journal keeps of the answer (``http.exchanges.kept_answer``); none for a request made inside the
    # sandbox (an MCP tool's call of its route), which no writer sees answered.
    response: dict | None = None

    @classmethod
    def stamped(cls, **given) -> "JournalEntry":
        """Return the entry of one request, stamped now, with secrets masked and long values cut."""
        return cls(time=stamp(), **masked(**given))

    def to_json(self) -> dict:
        """Return the entry's JSON form: ``near_miss`` on a request no route answered, ``response`` when kept."""
        data = {
            "time": self.time,
            "method": self.method,
            "path": self.path,
            "params": self.params,
            "status": self.status,
            "scenario": self.scenario,
            "endpoint": self.endpoint,
        }
        if self.missed:
            data["near_miss"] = self.near_miss
        if self.response is not None:
            data["response"] = self.response
        data["violations"] = self.violations
        return data

    @classmethod
    def from_json(cls, data: dict) -> "JournalEntry":
        """Return the entry of its JSON form (``to_json``'s)."""
        known = {kept.name: data[kept.name] for kept in fields(cls) if kept.name in data and kept.name != "missed"}
        return cls(**known, missed="near_miss" in data)


class Journal:
    """A thread-safe ring of the most recent requests, in this process."""

    def __init__(self, size: int):
        self._entries: deque[JournalEntry] = deque(maxlen=size)
        self._lock = threading.Lock()

    def record(self, **fields) -> None:
        """Add one request to the journal."""
        self.append(JournalEntry.stamped(**fields))

    def append(self, entry: JournalEntry) -> None:
        """Add an entry already stamped and masked."""
        with self._lock:
            self._entries.append(entry)

    def entries(self) -> list[JournalEntry]:
        """Return the entries, oldest first."""
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._entries.clear()


class RedisJournal:
    """The same ring as a Redis list, shared by every replica using that Redis."""

    def __init__(self, url: str, size: int):
        self._health = shared_state.health_of(url)
        self._redis = self._health.client
        self._size = size
        self._fallback = Journal(size)

    def record(self, **fields) -> None:
        """Add one request to the journal."""
        self.append(JournalEntry.stamped(**fields))

    def append(self, entry: JournalEntry) -> None:
        """Add an entry already stamped and masked."""
        if not self._size:  # a journal of size 0 keeps nothing, as the in-process ring does
            return

        def shared() -> None:
            # One round trip: append, then keep the newest ``size`` entries.
            with self._redis.pipeline(transaction=True) as pipe:
                pipe.rpush(REDIS_KEY, json.dumps(entry.to_json(), ensure_ascii=False))
                pipe.ltrim(REDIS_KEY, -self._size, -1)
                pipe.execute()

        self._health.run(shared, lambda: self._fallback.append(entry))

    def entries(self) -> list[JournalEntry]:
        """Return the entries, oldest first (this process's own while Redis does not answer)."""
        return self._health.run(
            lambda: [JournalEntry.from_json(json.loads(raw)) for raw in self._redis.lrange(REDIS_KEY, 0, -1)],
            self._fallback.entries,
        )

    def clear(self) -> None:
        """Forget every entry."""
        self._fallback.clear()
        self._health.run(lambda: self._redis.delete(REDIS_KEY), lambda: None)


def open_journal(storage_url: str, size: int) -> Journal | RedisJournal:
    """Return the journal kept where ``storage_url`` says."""
    return RedisJournal(storage_url, size) if shared_state.is_redis(storage_url) else Journal(size)
