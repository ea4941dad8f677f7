"""Reads what the models learn from out of the marts, through clickhouse-connect, with the tenant bound in every
query as a parameter."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlparse

import numpy as np

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def connect(url: str | None = None, username: str | None = None, password: str | None = None):
    """A clickhouse-connect client for ClickHouse's HTTP interface: CLICKHOUSE_URL, or the embedded gateway on
    CLICKHOUSE_HTTP_PORT, as CLICKHOUSE_USER (the same settings as the rest of Monet)."""
    import clickhouse_connect

    url = url or os.environ.get("CLICKHOUSE_URL") or f"http://127.0.0.1:{os.environ.get('CLICKHOUSE_HTTP_PORT', '8123')}"
    parsed = urlparse(url)
    return clickhouse_connect.get_client(
        host=parsed.hostname,
        port=parsed.port or (8443 if parsed.scheme == "https" else 8123),
        secure=parsed.scheme == "https",
        username=username or os.environ.get("CLICKHOUSE_USER", "monet"),
        password=password or os.environ.get("CLICKHOUSE_PASSWORD", "monet"),
        send_receive_timeout=600,
    )


def resolve_tenant(client, tenant: str) -> str:
    """A tenant's id from its id or its slug."""
    if UUID.match(tenant):
        return tenant
    rows = client.query(
        "SELECT toString(tenant_id) FROM staging.stg_monet__tenants WHERE tenant_slug = {slug:String}",
        parameters={"slug": tenant},
    ).result_rows
    if not rows:
        raise SystemExit(f"no tenant with slug {tenant!r} in the warehouse")
    return rows[0][0]


def _columns(client, query: str, tenant_id: str, names: list[str]) -> dict[str, np.ndarray]:
    result = client.query(query, parameters={"tenant": tenant_id})
    columns = dict(zip(result.column_names, result.result_columns, strict=True))
    return {name: columns[name] for name in names}


def _float(values) -> np.ndarray:
    return np.array([np.nan if v is None else float(v) for v in values], dtype=np.float64)


@dataclass
class FeatureRows:
    member_ids: np.ndarray  # str
    as_of_dates: np.ndarray  # datetime64[D]
    matrix: np.ndarray  # float64, NaN where NULL, columns in the spec's order
    mart_churned: np.ndarray  # float64: 1, 0, or NaN while the mart's 90 days are not over


def read_features(client, tenant_id: str, names: list[str]) -> FeatureRows:
    """Every snapshot of `marts.member_features` for one tenant."""
    select = ", ".join(names)
    cols = _columns(
        client,
        f"SELECT toString(member_id) AS member_id, as_of_date, {select}, churned FROM marts.member_features "
        "WHERE tenant_id = {tenant:UUID} ORDER BY as_of_date, member_id",
        tenant_id,
        ["member_id", "as_of_date", *names, "churned"],
    )
    return FeatureRows(
        member_ids=np.array(cols["member_id"], dtype=object),
        as_of_dates=np.array(cols["as_of_date"], dtype="datetime64[D]"),
        matrix=np.column_stack([_float(cols[n]) for n in names]) if cols["member_id"] else np.zeros((0, len(names))),
        mart_churned=_float(cols["churned"]),
    )


def read_purchase_days(client, tenant_id: str) -> tuple[np.ndarray, np.ndarray]:
    """Each purchase day of each member (`marts.member_activity`), as two flat arrays: member ids and days."""
    result = client.query(
        "SELECT toString(member_id), purchase_days FROM marts.member_activity WHERE tenant_id = {tenant:UUID}",
        parameters={"tenant": tenant_id},
    )
    members, days = [], []
    for member_id, purchase_days in result.result_rows:
        members.extend([member_id] * len(purchase_days))
        days.extend(purchase_days)
    return np.array(members, dtype=object), np.array(days, dtype="datetime64[D]")


@dataclass
class RepeatPurchases:
    as_of_date: date | None
    member_ids: np.ndarray
    x: np.ndarray
    t_x: np.ndarray
    T: np.ndarray
    mean_value: np.ndarray
    has_purchase: np.ndarray


def read_repeat_purchases(client, tenant_id: str) -> RepeatPurchases:
    """`marts.member_repeat_purchases` for one tenant: what BG/NBD and Gamma-Gamma are fitted on."""
    cols = _columns(
        client,
        "SELECT toString(member_id) AS member_id, as_of_date, purchase_days, repeat_purchase_days, last_purchase_day, "
        "observed_days, mean_repeat_value_minor FROM marts.member_repeat_purchases WHERE tenant_id = {tenant:UUID} "
        "ORDER BY member_id",
        tenant_id,
        ["member_id", "as_of_date", "purchase_days", "repeat_purchase_days", "last_purchase_day", "observed_days",
         "mean_repeat_value_minor"],
    )
    return RepeatPurchases(
        as_of_date=cols["as_of_date"][0] if cols["as_of_date"] else None,
        member_ids=np.array(cols["member_id"], dtype=object),
        x=_float(cols["repeat_purchase_days"]),
        t_x=_float(cols["last_purchase_day"]),
        T=_float(cols["observed_days"]),
        mean_value=_float(cols["mean_repeat_value_minor"]),
        has_purchase=_float(cols["purchase_days"]) > 0,
    )
