"""CI runs what a reviewer runs: the linters, the official facts, then the tests, all through make."""

import subprocess

import pytest

from .reference import ROOT, main

# What `make check` must run, in this order.
CHECK_STEPS = [
    "ruff check .",
    "ruff format --check .",
    "hadolint Dockerfile",
    "python -m tests.reference --if-present",
    'pytest -n auto -m "not system or concurrent"',
    'pytest -n 2 --dist loadfile -m "system and not concurrent"',
]


def test_ci_runs_make_check():
    commands = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    commands = [line for line in commands if line and not line.startswith("#")]
    assert commands[-1] == "make check"


@pytest.mark.system
@pytest.mark.concurrent
def test_make_check_runs_the_linters_then_the_facts_then_the_tests():
    planned = subprocess.run(["make", "-n", "check"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    lines = planned.splitlines()
    positions = [next(i for i, line in enumerate(lines) if line.endswith(step)) for step in CHECK_STEPS]
    assert positions == sorted(positions)


def test_the_facts_step_passes_without_the_official_files_only_when_told(tmp_path, capsys):
    assert main(["--if-present", str(tmp_path)]) == 0
    assert main([str(tmp_path)]) == 2
    assert "official files not found" in capsys.readouterr().err
