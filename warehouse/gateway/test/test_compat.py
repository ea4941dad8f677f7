"""The compatibility suite through clickhouse-connect (dbt's driver); compat.test.ts runs the same cases."""

import base64
import json
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import clickhouse_connect
import pytest
from clickhouse_connect.driver.exceptions import DatabaseError

SPEC = json.loads((Path(__file__).parent / "compat-cases.json").read_text())


def login(user):
    if isinstance(user, dict):
        return user
    return SPEC["users"][user or "admin"]


def client(url, user=None, **kwargs):
    who = login(user)
    return clickhouse_connect.get_client(dsn=url, username=who["user"], password=who["password"], **kwargs)


def rows(c, query, parameters=None):
    text = c.raw_query(query, parameters=parameters, fmt="JSONEachRow").decode()
    return [json.loads(line) for line in text.splitlines() if line]


def run_command(url, case):
    client(url, case.get("user")).command(case["query"])


def run_insert(url, case):
    data = base64.b64decode(case["dataBase64"]) if "dataBase64" in case else case["data"].encode()
    client(url, case.get("user")).raw_insert(case["table"], insert_block=data, fmt=case["format"])


def run_select(url, case):
    c = client(url, case.get("user"))
    text = c.raw_query(case["query"], parameters=case.get("params"), fmt=case["format"]).decode()
    if case["format"] == "CSVWithNames":
        assert text == case["expect"]
    elif case["format"] == "JSON":
        result = json.loads(text)
        assert {k: result[k] for k in ("meta", "data", "rows")} == case["expect"]
    else:
        assert [json.loads(line) for line in text.splitlines()] == case["expect"]


def run_select_binary(url, case):
    c = client(url, case.get("user"))
    data = c.raw_query(case["query"], fmt=case["format"])
    c.command(f"TRUNCATE TABLE {case['decodeInto']}")
    c.raw_insert(case["decodeInto"], insert_block=data, fmt=case["format"])
    assert rows(c, f"SELECT * FROM {case['decodeInto']} ORDER BY id") == case["expect"]


def run_session(url, case):
    inside = client(url, case.get("user"), session_id=f"compat-{uuid.uuid4()}")
    for step in case["steps"]:
        if "expect" in step:
            assert rows(inside, step["query"]) == step["expect"]
        else:
            inside.command(step["query"])
    outside = client(url, case.get("user"), autogenerate_session_id=False)
    with pytest.raises(DatabaseError) as err:
        rows(outside, case["outside"]["query"])
    assert f"code: {case['outside']['code']}," in str(err.value)


def run_error(url, case):
    # With a wrong password the driver already fails while connecting, on the same error.
    with pytest.raises(DatabaseError) as err:
        client(url, case.get("user")).command(case["query"])
    assert case["message"] in str(err.value)
    assert f"code: {case['code']}," in str(err.value)
    # The driver folds the status into its message; check it on the wire.
    who = login(case.get("user"))
    request = urllib.request.Request(
        url, data=case["query"].encode(), headers={"X-ClickHouse-User": who["user"], "X-ClickHouse-Key": who["password"]}
    )
    with pytest.raises(urllib.error.HTTPError) as http:
        urllib.request.urlopen(request)
    body = http.value.read().decode()
    assert http.value.code == case["status"]
    assert http.value.headers["X-ClickHouse-Exception-Code"] == str(case["code"])
    assert body.startswith(f"Code: {case['code']}. DB::Exception: ")
    assert case["message"] in body


def run_concurrent(url, case):
    c = client(url, case.get("user"), autogenerate_session_id=False)

    def one(i):
        return c.query(case["query"], parameters={"i": i}).result_rows

    with ThreadPoolExecutor(max_workers=case["count"]) as pool:
        results = list(pool.map(one, range(case["count"])))
    assert results == [[(2 * i, 8)] for i in range(case["count"])]


RUNNERS = {
    "command": run_command,
    "insert": run_insert,
    "select": run_select,
    "select-binary": run_select_binary,
    "session": run_session,
    "error": run_error,
    "concurrent": run_concurrent,
}


@pytest.mark.parametrize("case", SPEC["cases"], ids=[c["name"] for c in SPEC["cases"]])
def test_case(gateway_url, case):
    RUNNERS[case["kind"]](gateway_url, case)
