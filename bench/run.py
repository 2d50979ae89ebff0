"""Benchmark the sandbox against its peer and against the HTTP limit, in one run: ``make bench``.

Three servers run side by side, each pinned to core 0 while wrk loads it from core 1:

- the sandbox as its users run it (``api-entreprise-mock serve``, the defaults);
- Stoplight Prism, the peer users pick, on the official OpenAPI document of the v3+ API (and,
  for the v2 route, which that document lacks, on the sandbox's own generated v2 document);
- nginx (Debian package) serving the sandbox's own answer bytes from a file: what one core
  can do at best for the same bytes.

For each case the servers take turns, in rounds, so that what else runs on the machine weighs
on all of them alike. Each run reports requests per second, p50 and p99 latency, and the
server's CPU time per request (from /proc: unlike latency, it hardly depends on what else the
machine is doing); then the two ratios, sandbox / nginx and sandbox / Prism. Then cold start
(process start to the first 200) and memory over 100,000 requests on ever new SIRENs.
Results go to standard output as Markdown.
"""

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field, replace
from pathlib import Path

from mockserver.http import openapi

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LUA = ROOT / "bench" / "wrk" / "bench.lua"
PRISM_DIR = ROOT / "bench" / "prism"
PRISM = PRISM_DIR / "node_modules" / ".bin" / "prism"
# The official OpenAPI document of the v3+ API, the one integrators hand to Prism (read only by the bench):
# $BENCH_OFFICIAL_OPENAPI, else the reference files next to the checkout (or next to its worktree folder).
OFFICIAL_OPENAPI_FILE = "shared/reference/api_entreprise/openapi/api_entreprise_v3plus_openapi_2026-03.yaml"
OFFICIAL_OPENAPI = Path(
    os.environ.get("BENCH_OFFICIAL_OPENAPI")
    or next((p / OFFICIAL_OPENAPI_FILE for p in ROOT.parents if (p / OFFICIAL_OPENAPI_FILE).exists()), "")
)
SERVER_CORE, LOAD_CORE = "0", "1"
CONNECTIONS = 16
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
WARM_UP_SECONDS = 2
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
# A selection of the cases, by number from 1 in the table ("1,2": hot and new identifier); cold start and
# memory are measured only when every case is.
SELECTED = os.environ.get("BENCH_CASES", "")
TRACEABILITY = "?context=bench&recipient=13002526500013&object=bench"
FIXED_SIREN = "418166096"
HOT = f"/v3/insee/sirene/unites_legales/{FIXED_SIREN}{TRACEABILITY}"
# Rate limits stay on (the counter is part of the pipeline), with a budget no run can spend.
SERVER_ENV = {"CI": "true", "MOCKSERVER_RATE_LIMIT_FACTOR": "10000"}
MEMORY_REQUESTS, MEMORY_PHASE_SECONDS, MAX_MEMORY_PHASES = 100_000, 20, 40
NGINX_CONFIG = """
worker_processes 1;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {dir}/tmp;
  proxy_temp_path {dir}/tmp;
  fastcgi_temp_path {dir}/tmp;
  uwsgi_temp_path {dir}/tmp;
  scgi_temp_path {dir}/tmp;
{servers}
}}
"""
# Every path of the port answers the one file: a new SIREN each request gets the same bytes.
NGINX_SERVER = """  server {{
    listen 127.0.0.1:{port};
    root {root};
    location / {{ default_type "{content_type}"; try_files /answer =404; }}
  }}"""


@dataclass(frozen=True)
class Target:
    """What one server is asked in a case: a path (varied or not), extra headers, the status it must answer."""

    path: str
    status: int
    headers: tuple[str, ...] = ()
    vary_path: str | None = None
    # A new ``object`` parameter each request: the same identifier, never replayed.
    vary_object: bool = False


@dataclass(frozen=True)
class Case:
    """One row of the benchmark: what the sandbox is asked, and what Prism is asked for the same answer."""

    name: str
    sandbox: Target
    # (which Prism, target); None where Prism serves no equivalent (documents).
    prism: tuple[str, Target] | None
    # A route answering {"url": ...}: the sandbox's path is that URL's (found at run time).
    document_route: str | None = None


NGINX = "nginx, the same bytes"
V3_PRISM = "Prism on the official v3+ document"
V2_PRISM = "Prism on the sandbox's v2 document"
VARY_V3 = "/v3/insee/sirene/unites_legales/"
CASES = (
    Case("hot identifier (v3 unité légale, one SIREN)", Target(HOT, 200), (V3_PRISM, Target(HOT, 200))),
    Case(
        "a new identifier each request (v3 unité légale)",
        Target(VARY_V3, 200, vary_path=VARY_V3),
        (V3_PRISM, Target(VARY_V3, 200, vary_path=VARY_V3)),
    ),
    Case(
        "the hot identifier, a new request each time (object= varies: no draw, no replay)",
        Target(HOT, 200, vary_object=True),
        (V3_PRISM, Target(HOT, 200, vary_object=True)),
    ),
    Case(
        "422 (SIREN fails Luhn; Prism: Prefer: code=422)",
        Target(f"/v3/insee/sirene/unites_legales/418166097{TRACEABILITY}", 422),
        (V3_PRISM, Target(HOT, 422, ("Prefer: code=422",))),
    ),
    Case(
        "404 scenario (Prefer: code=404)",
        Target(HOT, 404, ("Prefer: code=404",)),
        (V3_PRISM, Target(HOT, 404, ("Prefer: code=404",))),
    ),
    Case(
        "PDF download (attestation fiscale; Prism serves no documents)",
        Target("", 200),
        None,
        document_route=f"/v2/attestations_fiscales_dgfip/{FIXED_SIREN}",
    ),
    Case(
        "v2 route (entreprises, one SIREN)",
        Target(f"/v2/entreprises/{FIXED_SIREN}{TRACEABILITY}", 200),
        (V2_PRISM, Target(f"/v2/entreprises/{FIXED_SIREN}{TRACEABILITY}", 200)),
    ),
)


@dataclass
class Figures:
    """The runs of one server on one case, added up."""

    requests: int = 0
    seconds: float = 0.0
    cpu: float = 0.0
    p50: list[float] = field(default_factory=list)
    p99: list[float] = field(default_factory=list)
    # 409 answers: identical requests in flight at once (v3 and v4), as production answers them.
    conflicts: int = 0

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    @property
    def cpu_us(self) -> float:
        return self.cpu / self.requests * 1e6


def selected_cases() -> tuple[Case, ...]:
    """Return the cases ``$BENCH_CASES`` selects (every case when unset)."""
    if not SELECTED:
        return CASES
    return tuple(CASES[int(number) - 1] for number in SELECTED.split(","))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def apt_install(package: str) -> None:
    """Install a Debian package (as root)."""
    if os.geteuid() != 0:
        sys.exit(f"bench: {package} is missing; install the Debian package {package}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", package], check=True, env=env)


def ensure_tools() -> None:
    """Install wrk and nginx (Debian) and Prism (npm, into bench/prism) when they are missing."""
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool):
            apt_install(tool)
    # An installed package has its bytecode compiled; an editable checkout under PYTHONDONTWRITEBYTECODE does not.
    subprocess.run([sys.executable, "-m", "compileall", "-q", ROOT / "mockserver"], check=True)
    if not PRISM.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PRISM_DIR, check=True)
    if not OFFICIAL_OPENAPI.is_file():
        sys.exit(f"bench: the official OpenAPI document is missing: {OFFICIAL_OPENAPI}")


def token() -> str:
    return subprocess.run(
        [BIN / "api-entreprise-mock", "token", "--preset", "default"], capture_output=True, text=True, check=True
    ).stdout.strip()


def wait_for(url: str, process: subprocess.Popen, headers: dict | None = None, timeout: float = 60) -> float:
    """Poll ``url`` until it answers 200; return the time it took."""
    started = time.perf_counter()
    request = urllib.request.Request(url, headers=headers or {})
    while True:
        try:
            with urllib.request.urlopen(request, timeout=1) as response:
                if response.status == 200:
                    return time.perf_counter() - started
        except OSError:
            pass
        if process.poll() is not None or time.perf_counter() - started > timeout:
            raise RuntimeError(f"{url} never answered 200")
        time.sleep(0.005)


def start(command: list, env: dict | None = None) -> subprocess.Popen:
    """Start a server on the server's core."""
    return subprocess.Popen(
        ["taskset", "-c", SERVER_CORE, *map(str, command)],
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def process_tree(pid: int) -> list[int]:
    """Return ``pid`` and its descendants."""
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [pid, *(grandchild for child in children for grandchild in process_tree(int(child)))]


def cpu_seconds(pid: int) -> float:
    """Return the CPU time (user + system) of a process tree."""
    ticks = 0
    for member in process_tree(pid):
        with open(f"/proc/{member}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def memory_mb(pid: int, name: str) -> float:
    """Return a memory figure of a process tree from /proc, in MB.

    ``Rss`` adds up the pages each process has in memory, counting twice those the server's
    master and worker share since the fork; ``Pss`` splits shared pages between their users.
    """
    total = 0
    for member in process_tree(pid):
        with open(f"/proc/{member}/smaps_rollup") as rollup:
            total += next(int(line.split()[1]) for line in rollup if line.startswith(f"{name}:"))
    return total / 1024


def wrk(url: str, seconds: int, env: dict, headers: tuple[str, ...] = ()) -> dict:
    """Run wrk on the load core and return the script's JSON report."""
    command = ["taskset", "-c", LOAD_CORE, "wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s"]
    for header in headers:
        command += ["-H", header]
    command += ["--latency", "-s", LUA, url]
    output = subprocess.run(
        list(map(str, command)), capture_output=True, text=True, check=True, env={**os.environ, **env}
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def measure(base: str, target: Target, pid: int, bearer: str, figures: Figures, round_: int) -> None:
    """Warm up, then load ``target``, check every answer's status and add the run to ``figures``."""
    env = {"BENCH_TOKEN": bearer}
    warm_up = dict(env)
    if target.vary_path:
        # Each run on SIRENs no earlier run asked for: every request builds its company.
        env.update(BENCH_VARY_PATH=target.vary_path, BENCH_VARY_FROM=str(20_000_000 + round_ * 1_000_000))
        warm_up.update(BENCH_VARY_PATH=target.vary_path, BENCH_VARY_FROM=str(20_500_000 + round_ * 1_000_000))
    if target.vary_object:
        # Each run on object values no earlier run sent: every request goes through the whole pipeline.
        env.update(BENCH_VARY_OBJECT=f"run{round_}-")
        warm_up.update(BENCH_VARY_OBJECT=f"warm-up{round_}-")
    url = base + target.path
    wrk(url, WARM_UP_SECONDS, warm_up, target.headers)
    cpu_before = cpu_seconds(pid)
    report = wrk(url, SECONDS, env, target.headers)
    cpu = cpu_seconds(pid) - cpu_before
    # One request's answer repeated by 16 connections: on v3 and v4 an identical request still in flight
    # answers 409, as in production (rare: the in-flight window is short); the 409s are counted, not hidden.
    conflicts = report["statuses"].get("409", 0) if target.path.startswith(("/v3/", "/v4/")) else 0
    expected = {str(target.status), "409"} if conflicts else {str(target.status)}
    unexpected = {s: n for s, n in report["statuses"].items() if s not in expected}
    if unexpected or report["socket_errors"]:
        raise RuntimeError(f"{url}: unexpected answers {unexpected}, socket errors {report['socket_errors']}")
    figures.conflicts += conflicts
    figures.requests += report["requests"]
    figures.seconds += report["duration_s"]
    figures.cpu += cpu
    figures.p50.append(report["p50_ms"])
    figures.p99.append(report["p99_ms"])


def fetch(url: str, bearer: str, headers: tuple[str, ...] = ()) -> tuple[bytes, str]:
    """Return the body and content type of an answer, whatever its status."""
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {bearer}"})
    for header in headers:
        name, value = header.split(": ", 1)
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.read(), response.headers["Content-Type"]
    except urllib.error.HTTPError as error:
        return error.read(), error.headers["Content-Type"]


def sandbox_command(port: int) -> list:
    return [BIN / "api-entreprise-mock", "serve", "--port", port]


def cold_start(bearer: str, runs: int = 5) -> float:
    """Return the median time from process start to the first 200 of the JSON route."""
    times = []
    for _ in range(runs):
        port = free_port()
        process = start(sandbox_command(port), SERVER_ENV)
        try:
            url = f"http://127.0.0.1:{port}{HOT}"
            times.append(wait_for(url, process, {"Authorization": f"Bearer {bearer}"}))
        finally:
            stop(process)
    return statistics.median(times)


def memory_growth(bearer: str) -> list[tuple[int, float, float]]:
    """Return (requests served, RSS MB, PSS MB) along 100,000 requests or more, each on a new SIREN."""
    port = free_port()
    process = start(sandbox_command(port), SERVER_ENV)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/__admin/health", process)
        samples = [(0, memory_mb(process.pid, "Rss"), memory_mb(process.pid, "Pss"))]
        served = 0
        # wrk runs for a duration, not a count: phases go on until the count is reached.
        for phase in range(1, MAX_MEMORY_PHASES + 1):
            env = {"BENCH_TOKEN": bearer, "BENCH_VARY_FROM": str(10_000_000 + phase * 1_000_000)}
            served += wrk(f"{base}/v2/entreprises/", MEMORY_PHASE_SECONDS, env)["requests"]
            samples.append((served, memory_mb(process.pid, "Rss"), memory_mb(process.pid, "Pss")))
            if served >= MEMORY_REQUESTS:
                break
        return samples
    finally:
        stop(process)


def start_nginx(directory: Path, answers: list[tuple[bytes, str]]) -> tuple[subprocess.Popen, list[int]]:
    """Serve each answer's bytes on a port of its own; return nginx and the ports, in order."""
    (directory / "tmp").mkdir(parents=True)
    ports, servers = [], []
    for index, (body, content_type) in enumerate(answers):
        root = directory / f"answer{index}"
        root.mkdir()
        (root / "answer").write_bytes(body)
        ports.append(free_port())
        servers.append(NGINX_SERVER.format(port=ports[-1], root=root, content_type=content_type))
    config = directory / "nginx.conf"
    config.write_text(NGINX_CONFIG.format(dir=directory, servers="\n".join(servers)))
    process = start(["nginx", "-c", config, "-p", directory, "-e", directory / "error.log"])
    for port in ports:
        wait_for(f"http://127.0.0.1:{port}/", process)
    return process, ports


def start_prisms(directory: Path) -> dict[str, tuple[subprocess.Popen, str]]:
    """Start ``prism mock`` on the official v3+ document and on the sandbox's v2 document."""
    generated = directory / "v2.json"
    generated.write_text(json.dumps(openapi.document("v2")))
    specs = {V3_PRISM: (OFFICIAL_OPENAPI, HOT), V2_PRISM: (generated, CASES[-1].sandbox.path)}
    prisms = {}
    for name, (spec, _) in specs.items():
        port = free_port()
        prisms[name] = (start([PRISM, "mock", "-h", "127.0.0.1", "-p", port, spec]), f"http://127.0.0.1:{port}")
    for name, (process, base) in prisms.items():
        wait_for(base + specs[name][1], process, {"Authorization": f"Bearer {token()}"}, timeout=120)
    return prisms


def throughput_row(case: str, server: str, figures: Figures) -> str:
    return (
        f"| {case} | {server} | {figures.rps:,.0f} | {statistics.mean(figures.p50):.2f} "
        f"| {statistics.mean(figures.p99):.2f} | {figures.cpu_us:,.0f} |"
    )


def ratio(ours: Figures, theirs: Figures | None) -> str:
    """Return sandbox / other by requests per second, then by CPU per request."""
    if theirs is None:
        return "n/a | n/a"
    return f"{ours.rps / theirs.rps:.2f}× | {theirs.cpu_us / ours.cpu_us:.2f}×"


def main() -> int:
    ensure_tools()
    bearer = token()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout
    print(f"# make bench — {time.strftime('%Y-%m-%d %H:%M')}, commit {commit.strip()}")
    print(
        f"{CONNECTIONS} connections, {SECONDS} s per run after {WARM_UP_SECONDS} s of warm-up, {ROUNDS} rounds "
        f"in turn; servers on core {SERVER_CORE}, wrk on core {LOAD_CORE}"
    )
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    print("| case | server | requests/s | p50 ms | p99 ms | server CPU µs/request |")
    print("|---|---|---|---|---|---|")

    results: dict[tuple[str, str], Figures] = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        scratch = Path(scratch)
        # nginx's worker drops root for nobody, who must read the answers.
        scratch.chmod(0o755)
        port = free_port()
        sandbox = start(sandbox_command(port), SERVER_ENV)
        prisms = {}
        nginx = None
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(f"{base}/__admin/health", sandbox)
            cases = []
            for case in selected_cases():
                target = case.sandbox
                if case.document_route:
                    url = json.loads(fetch(base + case.document_route + TRACEABILITY, bearer)[0])["url"]
                    target = Target(urllib.parse.urlsplit(url).path, 200)
                cases.append((case, target))
            # nginx serves the sandbox's answer of each case; a new SIREN each request gets the hot answer's bytes.
            answers = [fetch(base + (t.path if not t.vary_path else HOT), bearer, t.headers) for _, t in cases]
            nginx, nginx_ports = start_nginx(scratch / "nginx", answers)
            prisms = start_prisms(scratch)
            for (case, target), nginx_port in zip(cases, nginx_ports, strict=True):
                # nginx gets the sandbox's very requests, and answers each with the file.
                nginx_target = replace(target, status=200)
                servers = [("sandbox", sandbox.pid, base, target)]
                servers.append((NGINX, nginx.pid, f"http://127.0.0.1:{nginx_port}", nginx_target))
                if case.prism:
                    name, prism_target = case.prism
                    process, prism_base = prisms[name]
                    servers.append((name, process.pid, prism_base, prism_target))
                for round_ in range(ROUNDS):
                    for server, pid, server_base, server_target in servers:
                        figures = results.setdefault((case.name, server), Figures())
                        measure(server_base, server_target, pid, bearer, figures, round_)
                for server, *_ in servers:
                    print(throughput_row(case.name, server, results[case.name, server]), flush=True)
        finally:
            stop(sandbox)
            if nginx:
                stop(nginx)
            for process, _ in prisms.values():
                stop(process)

    print("\n| case | sandbox / nginx, req/s | by CPU µs | sandbox / Prism, req/s | by CPU µs |")
    print("|---|---|---|---|---|")
    for case, _ in cases:
        ours = results[case.name, "sandbox"]
        prism = results.get((case.name, case.prism[0])) if case.prism else None
        print(f"| {case.name} | {ratio(ours, results[case.name, NGINX])} | {ratio(ours, prism)} |")
    for (case_name, server), figures in results.items():
        if figures.conflicts:
            print(f"\n{case_name}, {server}: {figures.conflicts} of {figures.requests:,} answers were 409 (in flight)")
    hot, new, unreplayed = (results.get((case.name, "sandbox")) for case in CASES[:3])
    print()
    for name, part, whole in (
        ("new identifier / hot identifier", new, hot),
        ("hot identifier never replayed / hot identifier", unreplayed, hot),
        ("new identifier / hot identifier never replayed (the draw's toll)", new, unreplayed),
    ):
        if part and whole:
            shares = f"{part.rps / whole.rps:.0%} by req/s, {whole.cpu_us / part.cpu_us:.0%} by CPU"
            print(f"{name}: {shares}")
    if SELECTED:
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        return 0

    print(f"cold start (process start to first 200, median of 5): {cold_start(bearer):.2f} s")
    samples = memory_growth(bearer)
    print("memory of master + worker after N requests on new SIRENs, RSS / PSS in MB:")
    print("  " + ", ".join(f"{n:,}: {rss:.0f} / {pss:.0f}" for n, rss, pss in samples))
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
