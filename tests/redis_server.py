"""A ``redis-server`` process of a test's own, which keeps its data across a stop and a start.

It runs on a free port of the loopback interface, with an append-only file in a temporary
folder, as production's Redis keeps its data across a restart. Tests that need it skip where
``/usr/bin/redis-server`` is missing, unless REQUIRE_REDIS is set (as in CI).
"""

import os
import socket
import subprocess
import time

import pytest

REDIS_SERVER = "/usr/bin/redis-server"
START_SECONDS = 10


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def skip_without_redis_server():
    if os.path.exists(REDIS_SERVER):
        return
    if os.environ.get("REQUIRE_REDIS", "").strip().lower() in {"1", "true", "yes"}:
        pytest.fail(f"REQUIRE_REDIS is set but {REDIS_SERVER} is missing")
    pytest.skip(f"{REDIS_SERVER} is missing (apt-get install redis-server)")


class RedisServer:
    """Start, stop and start again; what was written before a stop is there after the start."""

    def __init__(self, directory):
        self.directory = directory
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=1)

    def start(self):
        # Every write reaches the append-only file before Redis answers it.
        command = [
            REDIS_SERVER,
            "--port", str(self.port),
            "--bind", "127.0.0.1",
            "--dir", str(self.directory),
            "--save", "",
            "--appendonly", "yes",
            "--appendfsync", "always",
            "--logfile", str(self.directory / "redis.log"),
        ]  # fmt: skip
        self.process = subprocess.Popen(command)
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            try:
                if self.client().ping():
                    return
            except Exception:
                time.sleep(0.05)
        self.stop()
        pytest.fail(f"redis-server did not answer on port {self.port} within {START_SECONDS} s")

    def stop(self):
        """Stop the server as a restart or a crash of its host would (SIGTERM)."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=START_SECONDS)
        self.process = None

    def keys(self, pattern):
        return sorted(key.decode() for key in self.client().scan_iter(match=pattern))


@pytest.fixture
def redis_server(tmp_path):
    skip_without_redis_server()
    directory = tmp_path / "redis"
    directory.mkdir()
    server = RedisServer(directory)
    server.start()
    yield server
    server.stop()
