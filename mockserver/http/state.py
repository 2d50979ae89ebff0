"""The sandbox's state, in one object: what the pipeline, the admin API, the console and the routes share.

Settings, rate-limit counters, the request journal, the document storage, the scenario forced on
the next calls, the clients told to wait after a 429 (pacing), the clock, and the world's instant an
admin pinned (shared like the forcing: with Redis, every worker and replica reads the same instant). The
admin API and the console take this object; they never reach through the pipeline. ``reset`` is the admin
API's fresh start; ``record`` is the one journal entry of every request, whoever answered it (written with its answer:
``exchanges``).
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from flask import Request

from mockserver import clock as world_clock
from mockserver.catalogue import RATE_LIMITS
from mockserver.config import Settings
from mockserver.documents.store import DocumentStore
from mockserver.http import exchanges
from mockserver.http.forcing import ForcedScenario
from mockserver.rules.ratelimit import Pacing, RateLimiter
from mockserver.state import shared_state
from mockserver.state.journal import Journal, RedisJournal, open_journal


class PinnedClock:
    """The instant an admin pinned (``POST /__admin/clock``), kept in a shared-state slot; else the setting's."""

    def __init__(self, setting: str = "", slot=None):
        self.setting = setting
        self._slot = slot if slot is not None else shared_state.MemorySlot()

    def read(self) -> str:
        """Return the pinned instant's text: the admin's, else the setting's ('' for today in Paris)."""
        record = self._slot.read()
        return record["clock"] if record else self.setting

    def pin(self, text: str) -> None:
        """Pin ``text`` for every worker and replica; '' goes back to the setting's."""
        self._slot.write({"clock": text} if text else None)


@dataclass
class SandboxState:
    """Everything a sandbox instance remembers between requests, and its clock."""

    settings: Settings
    limiter: RateLimiter
    journal: Journal | RedisJournal
    documents: DocumentStore
    forced: ForcedScenario = field(default_factory=ForcedScenario)
    pacing: Pacing = field(default_factory=Pacing)
    clock: Callable[[], float] = time.time
    # Marks a verification may start from: label -> the journal time when it was set (``admin.mark``).
    marks: dict[str, str] = field(default_factory=dict)
    # The world's instant an admin pinned (POST /__admin/clock), else the setting's; empty: today in Paris.
    pinned: PinnedClock | None = None

    def __post_init__(self):
        self.pinned = self.pinned or PinnedClock(self.settings.clock)

    @property
    def pinned_clock(self) -> str:
        """Return the text of the pinned instant ('' when none: today in Paris)."""
        return self.pinned.read()

    def default_instant(self) -> datetime:
        """Return the world's instant of a request that sets none: the pinned clock, else today in Paris at noon."""
        return world_clock.default_instant(self.pinned_clock)

    def world_day(self) -> date:
        """Return the day of the default instant: what a replayed answer's key holds besides the request."""
        return self.default_instant().date()

    @classmethod
    def open(cls, settings: Settings, clock: Callable[[], float] = time.time) -> "SandboxState":
        """Open the state ``settings`` describe: counters, journal and forcing in memory or in Redis."""
        return cls(
            settings=settings,
            limiter=RateLimiter(RATE_LIMITS, settings.storage_url, settings.rate_limit_factor),
            journal=open_journal(settings.storage_url, settings.journal_size),
            documents=DocumentStore(settings.jwt_secret, settings.document_ttl_seconds, clock),
            forced=ForcedScenario(shared_state.slot(settings.storage_url, "forcing")),
            clock=clock,
            pinned=PinnedClock(settings.clock, shared_state.slot(settings.storage_url, "clock")),
        )

    def reset(self) -> None:
        """Start over: empty journal and marks, fresh counters and pacing, no forcing, the setting's clock."""
        self.journal.clear()
        self.marks.clear()
        self.limiter.reset()
        self.forced.clear()
        self.pacing.reset()
        self.pinned.pin("")

    def record(
        self, request: Request, status: int, scenario: str | None = None, endpoint: str | None = None, **details
    ) -> dict:
        """Write a request to the journal, with what else is known of it; return what was written.

        The pipeline's own answers give their scenario and route; the routes outside the catalogue (the
        storage, the gone routes, a miss) give what they know: a route name, a near miss, violations.
        """
        fields = {
            "method": request.method,
            "path": request.path,
            "params": request.args.to_dict(flat=False),
            "status": status,
            "scenario": scenario,
            "endpoint": endpoint,
            **details,
        }
        if exchanges.JOURNAL_KEY in request.environ:
            # Written with its answer by ``exchanges.JournalWriter``, above the layers that answer through Flask.
            request.environ[exchanges.JOURNAL_KEY] = fields
        else:  # a request made inside the sandbox (an MCP tool's call of its route): no writer above it
            self.journal.record(**fields)
        return fields
