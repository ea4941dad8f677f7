"""Training's reads of the marts through clickhouse-connect, on a real gateway: one tenant's rows only, NULL as NaN,
labels from purchase days, lifetime-value inputs. The marts are made by hand with dbt's column types."""

import numpy as np
import pytest

from monet_ml import churn
from monet_ml.warehouse import connect, read_features, read_purchase_days, read_repeat_purchases

A = "0000000a-0000-4000-8000-00000000000a"
B = "0000000b-0000-4000-8000-00000000000b"


@pytest.fixture(scope="module")
def client(gateway_url):
    c = connect(gateway_url, "monet", "monet")
    c.command("CREATE DATABASE IF NOT EXISTS marts")
    c.command("""CREATE TABLE marts.member_features (
        tenant_id UUID, member_id UUID, as_of_date Date, tenure_days Int32, recency_days Nullable(Int32),
        frequency_90d UInt32, frequency_365d UInt32, monetary_90d_minor Int64, monetary_365d_minor Int64,
        avg_order_minor Nullable(Int64), spend_trend Nullable(Float64), balance_points Int64, redemptions_365d UInt32,
        days_since_last_redemption Nullable(Int32), tier_rank Int32, campaign_responses_365d UInt32,
        churned Nullable(UInt8)) ENGINE = MergeTree ORDER BY (tenant_id, as_of_date, member_id)""")
    c.command("""CREATE TABLE marts.member_activity (tenant_id UUID, member_id UUID, purchase_days Array(Date),
        purchase_programs Array(UUID)) ENGINE = MergeTree ORDER BY (tenant_id, member_id)""")
    c.command("""CREATE TABLE marts.member_repeat_purchases (tenant_id UUID, member_id UUID, as_of_date Date,
        enrolled_on Date, first_purchase_on Nullable(Date), purchase_days UInt32, repeat_purchase_days UInt32,
        last_purchase_day Int32, observed_days Int32, repeat_revenue_minor Int64,
        mean_repeat_value_minor Nullable(Float64)) ENGINE = MergeTree ORDER BY (tenant_id, member_id)""")
    m1, m2, m3 = (f"00000000-0000-4000-8000-00000000000{i}" for i in (1, 2, 3))
    c.command(f"""INSERT INTO marts.member_features VALUES
        ('{A}', '{m1}', '2026-01-01', 100, 5, 2, 10, 900, 4000, 400, 1.5, 120, 1, 30, 1, 0, 0),
        ('{A}', '{m2}', '2026-01-01', 50, NULL, 0, 0, 0, 0, NULL, NULL, 50, 0, NULL, 0, 0, 1),
        ('{A}', '{m1}', '2026-06-01', 251, 60, 0, 12, 0, 4800, 400, NULL, 300, 2, 10, 2, 1, NULL),
        ('{B}', '{m3}', '2026-01-01', 10, 1, 1, 1, 500, 500, 500, 1.0, 5, 0, NULL, 0, 0, 0)""")
    c.command(f"""INSERT INTO marts.member_activity VALUES
        ('{A}', '{m1}', ['2025-12-27', '2026-02-10', '2026-04-02'], []),
        ('{B}', '{m3}', ['2026-01-20'], [])""")
    c.command(f"""INSERT INTO marts.member_repeat_purchases VALUES
        ('{A}', '{m1}', '2026-06-01', '2025-09-23', '2025-09-23', 13, 12, 191, 251, 6000, 500.0),
        ('{A}', '{m2}', '2026-06-01', '2025-11-12', NULL, 0, 0, 0, 201, 0, NULL),
        ('{B}', '{m3}', '2026-06-01', '2025-12-22', '2025-12-22', 1, 0, 0, 161, 0, NULL)""")
    yield c
    c.command("DROP DATABASE marts")


def test_reads_one_tenants_features_in_the_specs_order_with_null_as_nan(client):
    rows = read_features(client, A, churn.FEATURE_NAMES)
    assert list(rows.member_ids) == [
        "00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002",
        "00000000-0000-4000-8000-000000000001"]
    assert [str(d) for d in rows.as_of_dates] == ["2026-01-01", "2026-01-01", "2026-06-01"]
    assert rows.matrix.shape == (3, len(churn.FEATURES))
    assert list(rows.matrix[0]) == [100, 5, 2, 10, 900, 4000, 400, 1.5, 120, 1, 30, 1, 0]
    nullable = [f["nullable"] for f in churn.FEATURES]
    assert [bool(np.isnan(v)) for v in rows.matrix[1]] == nullable
    assert list(rows.mart_churned[:2]) == [0, 1] and np.isnan(rows.mart_churned[2])


def test_labels_from_purchase_days_agree_with_the_marts_churned(client):
    rows = read_features(client, A, churn.FEATURE_NAMES)
    members, days = read_purchase_days(client, A)
    assert len(members) == 3  # tenant B's purchase is not read
    y = churn.labels(rows.member_ids, rows.as_of_dates, members, days, 90)
    known = ~np.isnan(rows.mart_churned)
    assert list(y[known]) == list(rows.mart_churned[known].astype(int))


def test_reads_lifetime_value_inputs(client):
    summary = read_repeat_purchases(client, A)
    assert str(summary.as_of_date) == "2026-06-01"
    assert list(summary.x) == [12, 0] and list(summary.t_x) == [191, 0] and list(summary.T) == [251, 201]
    assert summary.mean_value[0] == 500 and np.isnan(summary.mean_value[1])
    assert list(summary.has_purchase) == [True, False]
