"""Which requests nothing waits on: the gateway answers them on its event loop, without a thread.

Under the GIL a worker thread makes no CPU-bound request faster, and handing a request to a
thread and its answer back to the loop costs more than the replay of a kept answer
(``bench/README.md``). Threads are there for what waits, so that the loop never does; a request
is answered at once when nothing in it can:

- it is one of the API's paths: the catalogue under ``/v{N}/`` (its pings and the INPI's
  410s included) and the providers' pings (``/ping/…``, ``/pings``). The OpenAPI file
  production mounts under ``/v3`` is no such path: it is a megabyte written out on each call
  (4 ms). Nor are the storage and the INPI proxy, which build PDF and ZIP documents (7 ms the
  first time a document is asked for), the admin API (bodies, resets, exports; health has a
  thread of its own), the MCP endpoint (a body), the console and the OpenAPI documents;
- it carries no body: a body's parameters are read by the application, and the gateway reads
  bodies only for what it hands to threads;
- it names no slow provider, which sleeps before answering: not by its ``X-Mock-Scenario``
  header or ``Prefer`` code, nor by an identifier reserved for that scenario in its path;
- no scenario is forced: a forcing may be the slow provider, with a delay of its own. This
  is read as the request arrives, the pipeline reads it again microseconds later: a forcing
  an admin call sets in between plays on a request already on the loop.

The application asks this only when its state lives in this process: with Redis storage each
counter, journal entry and forcing is a round trip on the network, and every request goes to a thread.
"""

import re

from mockserver.http.routing import ENGINE_PATHS, VERSIONED
from mockserver.http.state import SandboxState
from mockserver.rules import scenarios

# The providers' pings, outside the versioned paths.
PINGS = ("/ping/", "/pings")


def _any_of(words) -> re.Pattern:
    """Return the pattern that finds any of ``words`` in a text (one search, where a loop of ``in`` costs more)."""
    return re.compile("|".join(re.escape(word) for word in sorted(words)))


# The engine's files by name: production finds them under slashes repeated or trailing too.
ENGINE_FILE = _any_of(path.rsplit("/", 1)[1] for path in ENGINE_PATHS)
# A SIRET plays its SIREN's scenario, and holds the SIREN: a search of the path finds either.
SLOW_IDENTIFIER = _any_of(scenarios.SLOW_IDENTIFIERS)


class AtOnce:
    """Tell, from a request's WSGI environment and the sandbox's state, whether nothing in answering it waits."""

    def __init__(self, state: SandboxState):
        self._forced = state.forced

    def __call__(self, environ: dict) -> bool:
        path = environ["PATH_INFO"]
        if not (VERSIONED.match(path) or path.startswith(PINGS)) or ENGINE_FILE.search(path):
            return False
        if environ.get("CONTENT_LENGTH", "") not in ("", "0"):
            return False
        named = scenarios.named(environ.get("HTTP_X_MOCK_SCENARIO"), environ.get("HTTP_PREFER"))
        if named == scenarios.SLOW_PROVIDER or SLOW_IDENTIFIER.search(path):
            return False
        return not self._forced.active
