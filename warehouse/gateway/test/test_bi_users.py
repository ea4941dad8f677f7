"""A BI user bound to one tenant through clickhouse-connect (Superset's ClickHouse driver), as a BI tool connects:
a session id of its own, server-side parameters, the schema from the system tables, and only the tenant's rows."""

import base64
import hashlib
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import clickhouse_connect
import pytest
from clickhouse_connect.driver.exceptions import DatabaseError

REPO = Path(__file__).resolve().parents[3]
SERVER = REPO / "warehouse" / "gateway" / "src" / "server.ts"
A = "0b4a8a4e-5c43-4a57-9d2c-3f1e9a7c1d20"
B = "5e1f0c2a-1b9e-4c57-8d0a-0f7a2c9b4e11"


def scrypt_hash(password: str) -> str:
    """A password as `monet bi-user` stores it for the gateway (warehouse/gateway/src/bi-passwords.ts)."""
    salt = os.urandom(16)
    key = hashlib.scrypt(password.encode(), salt=salt, n=2**15, r=8, p=3, maxmem=2 * 128 * 2**15 * 8, dklen=32)

    def b64(raw: bytes) -> str:
        return base64.b64encode(raw).decode().rstrip("=")

    return f"$scrypt$ln=15,r=8,p=3${b64(salt)}${b64(key)}"


@pytest.fixture(scope="module")
def gateway():
    home = tempfile.mkdtemp(prefix="monet-bi-")
    users = Path(home) / "bi-users.json"
    user = {"name": "bi_a", "passwordHash": scrypt_hash("bi-password-a"), "tenantId": A}
    users.write_text(json.dumps({"users": [user]}))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "GATEWAY_DATA_DIR": str(Path(home) / "data"),
        "CLICKHOUSE_HTTP_PORT": str(port),
        "GATEWAY_HOST": "127.0.0.1",
        "GATEWAY_BI_USERS_FILE": str(users),
    }
    proc = subprocess.Popen(["node", "--import", "tsx", str(SERVER)], cwd=REPO, env=env, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/ping", timeout=1) as res:
                    if res.read() == b"Ok.\n":
                        break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.05)
        admin = clickhouse_connect.get_client(dsn=url, username="monet", password="monet")
        admin.command("CREATE DATABASE marts")
        admin.command(
            "CREATE TABLE marts.member_rfm (tenant_id UUID, rfm_segment String, monetary_minor Int64) "
            "ENGINE = MergeTree ORDER BY tenant_id"
        )
        admin.command(
            f"INSERT INTO marts.member_rfm VALUES ('{A}', 'Champions', 500), ('{A}', 'Lost', 0), "
            f"('{B}', 'Champions', 9000)"
        )
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        shutil.rmtree(home, ignore_errors=True)


def test_reads_the_tenants_rows_only(gateway):
    bi = clickhouse_connect.get_client(dsn=gateway, username="bi_a", password="bi-password-a", database="marts")
    result = bi.query(
        "SELECT rfm_segment, sum(monetary_minor) AS m FROM member_rfm WHERE monetary_minor >= {min:Int64} "
        "GROUP BY rfm_segment ORDER BY rfm_segment",
        parameters={"min": 0},
    )
    assert result.result_rows == [("Champions", 500), ("Lost", 0)]
    assert bi.query("SELECT name FROM system.tables").result_rows == [("member_rfm",)]
    assert bi.query("SELECT count() FROM system.columns WHERE table = 'member_rfm'").result_rows == [(3,)]


def test_refuses_what_reads_past_the_filter(gateway):
    bi = clickhouse_connect.get_client(dsn=gateway, username="bi_a", password="bi-password-a", database="marts")
    for query in ("SELECT * FROM merge('marts', 'member_rfm')", "SELECT file('/etc/hostname')"):
        with pytest.raises(DatabaseError, match="ACCESS_DENIED"):
            bi.query(query)
    with pytest.raises(DatabaseError, match="READONLY"):
        bi.command("INSERT INTO marts.member_rfm VALUES (generateUUIDv4(), 'x', 1)")
