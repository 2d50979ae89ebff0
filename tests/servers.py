"""Start the sandbox as its users do: the console script, on a free port, until the test ends."""

import contextlib
import math
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from .helpers import TODAY

SCRIPT = Path(sys.executable).with_name("api-entreprise-mock")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_serving(process: subprocess.Popen, url: str, seconds: float = 20) -> None:
    """Poll ``url`` until it answers; raise with the process's output if it dies or ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            requests.get(url, timeout=1)
            return
        except requests.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"{process.args[0]} did not start: {process.communicate()[0]}") from None
            time.sleep(0.05)


@contextlib.contextmanager
def running_server(*args: str, env: dict[str, str] | None = None, port_from_env: bool = False):
    """Run ``api-entreprise-mock serve`` and yield its base URL once it answers."""
    port = free_port()
    # The server reads the world on the suite's day (conftest), unless the test pins another.
    env = {**os.environ, "MOCKSERVER_CLOCK": TODAY.isoformat(), **(env or {})}
    if port_from_env:
        env["PORT"] = str(port)
    else:
        args = ("--port", str(port), *args)
    process = subprocess.Popen(
        [str(SCRIPT), "serve", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(process, f"{base}/__admin/scenarios")
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=10)


def wait_for_a_fresh_window(needed_seconds: float) -> None:
    """Sleep past the next minute boundary if fewer than ``needed_seconds`` are left before it."""
    left = math.ceil(time.time() / 60) * 60 - time.time()
    if left < needed_seconds:
        time.sleep(left + 0.1)
