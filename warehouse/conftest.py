"""A throwaway gateway for the warehouse's Python tests (clickhouse-connect compatibility, the marts proof), on a free
port in a temp dir."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SERVER = REPO / "warehouse" / "gateway" / "src" / "server.ts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def gateway_url():
    data = tempfile.mkdtemp(prefix="monet-gateway-")
    port = _free_port()
    env = {**os.environ, "GATEWAY_DATA_DIR": data, "CLICKHOUSE_HTTP_PORT": str(port), "GATEWAY_HOST": "127.0.0.1"}
    proc = subprocess.Popen(
        ["node", "--import", "tsx", str(SERVER)], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"gateway exited: {proc.stdout.read().decode()}")
            try:
                with urllib.request.urlopen(f"{url}/ping", timeout=1) as res:
                    if res.read() == b"Ok.\n":
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        assert proc.wait(timeout=15) == 0, "gateway did not exit cleanly on SIGTERM"
        shutil.rmtree(data, ignore_errors=True)
