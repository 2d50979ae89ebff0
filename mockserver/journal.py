"""The request journal: a bounded record of what clients asked and what they got.

Each entry holds the method, the path, the query parameters (token masked), the status, the
scenario played, the catalogue route and the rules of the real API the request broke
(``mockserver.violations``); the admin API exposes it to tests, QA and the pytest plugin.
Entries are plain JSON-able dicts.
"""

import threading
from collections import deque
from datetime import UTC, datetime

MASK = "[masqué]"
SECRET_PARAMS = ("token",)


class Journal:
    """A thread-safe ring of the most recent requests."""

    def __init__(self, size: int):
        self._entries: deque[dict] = deque(maxlen=size)
        self._lock = threading.Lock()

    def record(
        self,
        *,
        method: str,
        path: str,
        params: dict[str, list[str]],
        status: int,
        scenario: str | None,
        endpoint: str | None,
        violations: list[dict] | None = None,
    ) -> None:
        """Add one request to the journal."""
        masked = {key: [MASK] * len(values) if key in SECRET_PARAMS else values for key, values in params.items()}
        entry = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "method": method,
            "path": path,
            "params": masked,
            "status": status,
            "scenario": scenario,
            "endpoint": endpoint,
            "violations": violations or [],
        }
        with self._lock:
            self._entries.append(entry)

    def entries(self) -> list[dict]:
        """Return the entries, oldest first."""
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._entries.clear()
