"""Compare two commits' sandboxes, alternated on one core: ``python bench/compare.py BEFORE AFTER``.

A single ``make bench`` run swings with what else runs on the machine. Here the sandboxes of both
commits (each exported with ``git archive`` and run from it) serve side by side, pinned to the
server core, and take turns on the hot identifier and a new identifier each request, on the same
SIRENs, for ``BENCH_COMPARE_ROUNDS`` rounds (4) of ``BENCH_SECONDS`` each, so that the load weighs
on both alike. It prints, per commit and case, requests/s and server CPU µs/request, then the new
identifier's share of the hot case's throughput.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import run as bench

ROUNDS = int(os.environ.get("BENCH_COMPARE_ROUNDS", "4"))
CASES = bench.CASES[:2]


def export(commit: str, directory: Path) -> Path:
    """Write the tree of ``commit`` into ``directory`` and return it."""
    archive = subprocess.run(["git", "archive", commit], cwd=bench.ROOT, capture_output=True, check=True).stdout
    directory.mkdir()
    subprocess.run(["tar", "-x", "-C", directory], input=archive, check=True)
    return directory


def main(commits: list[str]) -> int:
    if len(commits) != 2:
        sys.exit("usage: python bench/compare.py BEFORE AFTER (two commits)")
    bearer = bench.token()
    servers = {}
    figures: dict[tuple[str, str], bench.Figures] = {}
    with tempfile.TemporaryDirectory(prefix="bench-compare-") as scratch:
        try:
            for commit in commits:
                tree = export(commit, Path(scratch) / commit)
                port = bench.free_port()
                # The commit's package comes first on the path: the virtual environment's own is the checkout's.
                process = bench.start(bench.sandbox_command(port), {**bench.SERVER_ENV, "PYTHONPATH": str(tree)})
                base = f"http://127.0.0.1:{port}"
                bench.wait_for(f"{base}/__admin/health", process)
                servers[commit] = (process, base)
            print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
            for round_ in range(ROUNDS):
                # Each commit goes first every other round.
                order = commits if round_ % 2 == 0 else commits[::-1]
                for case in CASES:
                    for commit in order:
                        process, base = servers[commit]
                        figures_of = figures.setdefault((case.name, commit), bench.Figures())
                        bench.measure(base, case.sandbox, process.pid, bearer, figures_of, round_)
        finally:
            for process, _ in servers.values():
                bench.stop(process)
    for (case, commit), ran in figures.items():
        print(f"{case} | {commit} | {ran.rps:,.0f} requests/s | {ran.cpu_us:,.0f} µs of server CPU per request")
    for commit in commits:
        hot, new = (figures[case.name, commit] for case in CASES)
        print(f"{commit}: new identifier / hot, {new.rps / hot.rps:.0%} by req/s, {hot.cpu_us / new.cpu_us:.0%} by CPU")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    if not shutil.which("wrk"):
        bench.apt_install("wrk")
    sys.exit(main(sys.argv[1:]))
