"""Serve the sandbox in production: granian, its workers and threads, and the start-up banner.

granian parses HTTP in Rust: on one core it spends an eighth of the CPU per request that
gunicorn's threaded worker spends before the application runs (``bench/README.md``).
Workers are processes that import and build the application from the environment, so
``serve`` writes its settings there before starting them; the master process stays small and
replaces a worker that dies. granian alone takes a worker dying again within 5.5 s of its
respawn for a crash loop and stops, healthy workers included: two out-of-memory kills in a row
would end the instance. The sandbox stops only when one worker has been respawned
``MAX_RESPAWNS`` times within ``RESPAWN_WINDOW_SECONDS`` (a worker that cannot start).

Workers do not outlive their master: each asks the kernel to kill it when the master dies
(Linux's parent-death signal), so a master killed with SIGKILL leaves no worker serving on
its port. And ``serve`` refuses a port another process listens on, naming it: granian's
sockets share their port (``SO_REUSEPORT``), so a second instance would otherwise listen
beside the first and take half its traffic, with a state of its own.
"""

import collections
import ctypes
import errno
import gc
import os
import signal
import socket
import sys
import time

from mockserver.config import Settings
from mockserver.rules import scenarios
from mockserver.rules.auth import preset_token
from mockserver.state import shared_state

# The application factory the workers call.
TARGET = "mockserver.serving.server:application"
SHUTDOWN_SECONDS = 5
# A worker respawned this many times within this many seconds cannot start: the instance stops.
MAX_RESPAWNS = 5
RESPAWN_WINDOW_SECONDS = 60
# Where ``serve`` tells its workers which process is their master.
MASTER_PID = "MOCKSERVER_MASTER_PID"
# prctl(2): the signal a process receives when its parent dies.
PR_SET_PDEATHSIG = 1
# The traceability parameters every data route requires, in the banner's example call.
TRY_PARAMETERS = "context=test&recipient=13002526500013&object=essai"
# Container objects allocated, net, before the collector scans the young ones. Python's 700 scanned them every
# second request of a new identifier, and the older generations, the world's caches among them, every twentieth:
# ~25 µs of a new identifier's ~245 in-process. Answers leave no reference cycle, so what a scan would free
# is a few objects, freed a little later.
YOUNG_OBJECTS = 10_000
# The banner's example call: the current API, which production serves (v2 has answered 410 since 2023).
TRY_PATH = "v3/insee/sirene/unites_legales/418166096"


def die_with_master() -> None:
    """Have this worker killed when its master dies (Linux); exit now if the master is already gone."""
    if sys.platform != "linux" or MASTER_PID not in os.environ:
        return
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    # The master may have died between the fork and the call above: then the signal will never come.
    if os.getppid() != int(os.environ[MASTER_PID]):
        os._exit(1)


class RespawnBudget(dict):
    """granian's record of respawns, read so that it sees a crash loop only once a worker's budget is spent.

    granian writes a worker's respawn time here, clears it after each round, and stops when a dying
    worker's recorded time is within 5.5 s; this record keeps every respawn of the window instead and
    shows one only for a worker respawned ``MAX_RESPAWNS`` times within ``RESPAWN_WINDOW_SECONDS``.
    """

    def __init__(self, clock=time.monotonic):
        super().__init__()
        self._respawns: dict[int, collections.deque[float]] = collections.defaultdict(collections.deque)
        self._clock = clock

    def __setitem__(self, worker: int, respawned_at: float) -> None:
        self._respawns[worker].append(respawned_at)

    def get(self, worker: int, default: float = 0) -> float:
        """Return the worker's last respawn time if its budget is spent (a crash loop), else ``default``."""
        respawns = self._respawns[worker]
        while respawns and respawns[0] < self._clock() - RESPAWN_WINDOW_SECONDS:
            respawns.popleft()
        return respawns[-1] if len(respawns) >= MAX_RESPAWNS else default

    def clear(self) -> None:
        """Keep the window's respawns: granian clears its record after every round."""


def application():
    """Build the application from the environment (called in each worker), behind its gateway."""
    from mockserver.http.app import create_app
    from mockserver.serving.gateway import Gateway

    die_with_master()

    settings = Settings.from_env()
    flask_app = create_app(settings)
    app = Gateway(flask_app, settings.threads, flask_app.extensions.get("at_once"))
    # What start-up built lives as long as the worker: keeping it out of the collector's full
    # scans shortens their pauses (measured: 200 ms -> 90 ms on a worker full of companies).
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS)
    return app


def banner(settings: Settings, ci: bool) -> str:
    """Return the start-up banner: where the sandbox is and how to call it (one line in CI)."""
    # A wildcard address is where the server listens, not where to call it.
    host = "127.0.0.1" if settings.host in ("0.0.0.0", "::") else settings.host
    base = f"http://{host}:{settings.port}"
    serving = f"granian, {settings.workers} worker(s) x {settings.threads} thread(s)"
    if ci:
        return f"API Entreprise sandbox on {base} ({serving}; token: {base}/__admin/tokens)"
    limits = "off" if settings.rate_limit_factor == 0 else f"x{settings.rate_limit_factor:g} of the real ones"
    lines = [
        "API Entreprise sandbox",
        f"  base URL     {base}",
        f"  serving      {serving}; access log {settings.access_log}",
        f"  rate limits  {limits}; storage {shared_state.shown(settings.storage_url)}",
        f"  v2 routes    {'410 Gone, as in production since 2023-11-15' if settings.v2_gone else 'answering'}",
    ]
    if settings.workers > 1 and not shared_state.is_redis(settings.storage_url):
        lines.append(
            "  warning      each worker keeps its own counters and journal: set MOCKSERVER_STORAGE_URL=redis://…"
        )
    lines += [
        f"  scenarios    {base}/__admin/scenarios  (header {scenarios.HEADER}: <name>)",
        f"  journal      {base}/__admin/requests",
    ]
    if settings.admin_token:
        lines.append("  admin API    needs Authorization: Bearer <MOCKSERVER_ADMIN_TOKEN>")
    if settings.private_secret:
        # A token signed with this deployment's own secret is a credential: never in a log.
        lines += ["  tokens       private secret: mint them with `api-entreprise-mock token` and the same secret", ""]
        return "\n".join(lines)
    token = preset_token("default", settings.jwt_secret)
    lines += [
        f"  tokens       {base}/__admin/tokens",
        "  try it with the default token (every scope, valid until 2100), one line to paste whole:",
        f"    curl -H 'Authorization: Bearer {token}' '{base}/{TRY_PATH}?{TRY_PARAMETERS}'",
        "",
    ]
    return "\n".join(lines)


def check_port_free(address: str, port: int) -> None:
    """Refuse a port another process listens on, naming the setting, before anything prints."""
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # As the server will: a port a closed connection still holds (TIME_WAIT) is free to bind.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((address, port))
        except OSError as error:
            reason = "already in use" if error.errno == errno.EADDRINUSE else error.strerror
            raise ValueError(f"PORT / --port = {port}: cannot listen on {address}: {reason}") from None


def serve(settings: Settings) -> None:
    """Run the sandbox under granian until interrupted; every setting is checked before the banner."""
    from granian import Granian
    from granian.constants import Interfaces

    address = settings.bind_address()
    check_port_free(address, settings.port)
    shared_state.check(settings.storage_url)
    os.environ.update(settings.environment())
    os.environ[MASTER_PID] = str(os.getpid())
    print(banner(settings, ci=bool(os.environ.get("CI"))), flush=True)
    instance = Granian(
        TARGET,
        factory=True,
        address=address,
        port=settings.port,
        # The gateway reads bodies on the event loop and runs the WSGI application on its own threads; the loop
        # is uvloop (a dependency), which granian's default ("auto") takes when it is installed.
        interface=Interfaces.RSGI,
        workers=settings.workers,
        websockets=False,
        log_level="warning",
        # A worker that does not stop within this many seconds of SIGTERM is killed, so that
        # `docker stop` (10 s) and CI teardowns end; we saw forked workers hang on exit.
        workers_kill_timeout=SHUTDOWN_SECONDS,
        # A worker that dies (killed, out of memory) is replaced rather than taking the master down with it;
        # the listening socket stays open meanwhile, so clients wait for the new worker instead of being refused.
        respawn_failed_workers=True,
    )
    instance.respawned_wrks = RespawnBudget()
    instance.serve()
