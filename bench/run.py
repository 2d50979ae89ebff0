"""Benchmark the sandbox on this machine, against Stoplight Prism serving the same route: ``make bench``.

The server under test (ours, then Prism) is pinned to core 0 and wrk to core 1. For each case
and each number of connections it reports requests per second, p50 and p99 latency, and the
server's CPU time per request (read from /proc: unlike latency, it hardly depends on what else
the machine is doing). Then: cold start (process start to the first 200), resident memory
over 100,000 requests on ever new SIRENs, and Prism's figures on the same route. The last
line is the ratio the issue asks for. Results go to standard output as Markdown.
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
import urllib.parse
import urllib.request
from dataclasses import dataclass, replace
from pathlib import Path

from mockserver.http import openapi

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LUA = ROOT / "bench" / "wrk" / "bench.lua"
PRISM_DIR = ROOT / "bench" / "prism"
PRISM = PRISM_DIR / "node_modules" / ".bin" / "prism"
SERVER_CORE, LOAD_CORE = "0", "1"
CONNECTIONS = (16, 64)
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
TRACEABILITY = "?context=bench&recipient=13002526500013&object=bench"
FIXED_SIREN = "418166096"
# Rate limits stay on (the counter is part of the pipeline), with a budget no run can spend.
SERVER_ENV = {"CI": "true", "MOCKSERVER_RATE_LIMIT_FACTOR": "10000"}
MEMORY_REQUESTS, MEMORY_PHASE_SECONDS, MAX_MEMORY_PHASES = 100_000, 20, 40


@dataclass(frozen=True)
class Case:
    """One row of the benchmark: a route, how to vary it, the status it must answer."""

    name: str
    path: str | None
    status: int
    vary_from: int | None = None
    # A route answering {"url": ...}: the case downloads that URL (``path`` is then found at run time).
    document_route: str | None = None


CASES = (
    Case("JSON, full pipeline, a new SIREN each request", "/v2/entreprises/", 200, vary_from=10_000_000),
    Case("JSON, full pipeline, one SIREN", f"/v2/entreprises/{FIXED_SIREN}{TRACEABILITY}", 200),
    Case("error 422 (SIREN fails Luhn)", f"/v2/entreprises/418166097{TRACEABILITY}", 422),
    Case("PDF download (attestation fiscale)", None, 200, document_route="/v2/attestations_fiscales_dgfip/418166096"),
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_tools() -> None:
    """Install wrk (Debian) and Prism (npm, into bench/prism) when they are missing."""
    if not shutil.which("wrk"):
        if os.geteuid() != 0:
            sys.exit("bench: wrk is missing; install the Debian package wrk")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "wrk"],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
    # An installed package has its bytecode compiled; an editable checkout under PYTHONDONTWRITEBYTECODE does not.
    subprocess.run([sys.executable, "-m", "compileall", "-q", ROOT / "mockserver"], check=True)
    if not PRISM.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PRISM_DIR, check=True)


def token() -> str:
    return subprocess.run(
        [BIN / "api-entreprise-mock", "token", "--preset", "default"], capture_output=True, text=True, check=True
    ).stdout.strip()


def wait_for(url: str, process: subprocess.Popen, headers: dict | None = None, timeout: float = 30) -> float:
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


def start(command: list[str], env: dict | None = None) -> subprocess.Popen:
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


def memory_mb(pid: int, field: str) -> float:
    """Return a memory figure of a process tree from /proc, in MB.

    ``Rss`` adds up the pages each process has in memory, counting twice those the server's
    master and worker share since the fork; ``Pss`` splits shared pages between their users.
    """
    total = 0
    for member in process_tree(pid):
        with open(f"/proc/{member}/smaps_rollup") as rollup:
            total += next(int(line.split()[1]) for line in rollup if line.startswith(f"{field}:"))
    return total / 1024


def wrk(url: str, connections: int, seconds: int, env: dict) -> dict:
    """Run wrk on the load core and return the script's JSON report."""
    command = [
        "taskset",
        "-c",
        LOAD_CORE,
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        LUA,
        url,
    ]
    output = subprocess.run(
        list(map(str, command)), capture_output=True, text=True, check=True, env={**os.environ, **env}
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def document_path(base: str, route: str, bearer: str) -> str:
    """Return the path of the document a document route points to."""
    request = urllib.request.Request(base + route + TRACEABILITY, headers={"Authorization": f"Bearer {bearer}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return urllib.parse.urlsplit(json.load(response)["url"]).path


def measure(base: str, case: Case, connections: int, pid: int, bearer: str) -> dict:
    """Warm up, then load ``case`` and return its figures, checked against the expected status."""
    env = {"BENCH_TOKEN": bearer}
    warm_up = dict(env)
    if case.vary_from is not None:
        # Each run on SIRENs no earlier run asked for: every request builds its company.
        env["BENCH_VARY_FROM"] = str(case.vary_from + connections * 1_000_000)
        warm_up["BENCH_VARY_FROM"] = str(case.vary_from + connections * 1_000_000 + 500_000)
    url = base + case.path
    wrk(url, connections, 2, warm_up)
    cpu_before = cpu_seconds(pid)
    report = wrk(url, connections, SECONDS, env)
    cpu = cpu_seconds(pid) - cpu_before
    unexpected = {s: n for s, n in report["statuses"].items() if int(s) != case.status}
    if unexpected or report["socket_errors"]:
        raise RuntimeError(f"{case.name}: unexpected answers {unexpected}, socket errors {report['socket_errors']}")
    return {
        "rps": report["requests"] / report["duration_s"],
        "p50": report["p50_ms"],
        "p99": report["p99_ms"],
        "cpu_us": cpu / report["requests"] * 1e6,
    }


def sandbox_command(port: int) -> list:
    return [BIN / "api-entreprise-mock", "serve", "--port", port]


def cold_start(bearer: str, runs: int = 5) -> float:
    """Return the median time from process start to the first 200 of the JSON route."""
    times = []
    for _ in range(runs):
        port = free_port()
        process = start(sandbox_command(port), SERVER_ENV)
        try:
            url = f"http://127.0.0.1:{port}/v2/entreprises/{FIXED_SIREN}{TRACEABILITY}"
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
            served += wrk(f"{base}/v2/entreprises/", 16, MEMORY_PHASE_SECONDS, env)["requests"]
            samples.append((served, memory_mb(process.pid, "Rss"), memory_mb(process.pid, "Pss")))
            if served >= MEMORY_REQUESTS:
                break
        return samples
    finally:
        stop(process)


def prism_figures(bearer: str) -> dict[int, dict]:
    """Serve the route with ``prism mock`` and load it as ours was loaded."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as spec:
        json.dump(openapi.document("v2"), spec)
    port = free_port()
    process = start([PRISM, "mock", "-h", "127.0.0.1", "-p", port, spec.name])
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/v2/entreprises/{FIXED_SIREN}{TRACEABILITY}", process, {"Authorization": f"Bearer {bearer}"})
        case = Case("Prism", f"/v2/entreprises/{FIXED_SIREN}{TRACEABILITY}", 200)
        return {c: measure(base, case, c, process.pid, bearer) for c in CONNECTIONS}
    finally:
        stop(process)
        os.unlink(spec.name)


def row(name: str, connections: int, figures: dict) -> str:
    return (
        f"| {name} | {connections} | {figures['rps']:,.0f} | {figures['p50']:.1f} | {figures['p99']:.1f} "
        f"| {figures['cpu_us']:,.0f} |"
    )


def main() -> int:
    ensure_tools()
    bearer = token()
    load_before = os.getloadavg()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout
    print(f"# make bench — {time.strftime('%Y-%m-%d %H:%M')}, commit {commit.strip()}, {SECONDS} s per run")
    print(f"load average before: {load_before[0]:.2f} (other processes share both cores)\n")
    print("| case | connections | requests/s | p50 ms | p99 ms | server CPU µs/request |")
    print("|---|---|---|---|---|---|")

    port = free_port()
    process = start(sandbox_command(port), SERVER_ENV)
    ours = {}
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/__admin/health", process)
        for case in CASES:
            if case.document_route:
                case = replace(case, path=document_path(base, case.document_route, bearer))
            for connections in CONNECTIONS:
                figures = measure(base, case, connections, process.pid, bearer)
                ours[case.name, connections] = figures
                print(row(case.name, connections, figures), flush=True)
    finally:
        stop(process)

    prism = prism_figures(bearer)
    for connections, figures in prism.items():
        print(row("Prism 5 `prism mock`, one SIREN", connections, figures), flush=True)

    print(f"\ncold start (process start to first 200, median of 5): {cold_start(bearer):.2f} s")
    samples = memory_growth(bearer)
    print("memory of master + worker after N requests on new SIRENs, RSS / PSS in MB:")
    print("  " + ", ".join(f"{n:,}: {rss:.0f} / {pss:.0f}" for n, rss, pss in samples))
    print(f"load average after: {os.getloadavg()[0]:.2f}\n")
    for connections in CONNECTIONS:
        ratio = ours[CASES[1].name, connections]["rps"] / prism[connections]["rps"]
        print(f"ratio, one SIREN, {connections} connections: sandbox / Prism = {ratio:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
