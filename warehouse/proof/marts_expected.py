"""The marts' figures recomputed with pandas from the fixture's raw rows, following docs/metrics.md and nothing else.

This is the independent side of the proof: it shares no code and no SQL with the dbt models, so a rule implemented
wrongly in either place shows up as a difference.
"""

from datetime import date, datetime, timedelta, timezone

import pandas as pd

KEYS = {"campaign_members": ["campaign_id", "member_id"], "balances": ["member_id", "program_id"]}
TIMESTAMPS = [
    "enrolled_at", "occurred_at", "effective_at", "created_at", "fulfilled_at", "starts_at", "ends_at", "added_at",
]


def trunc_div(numerator: int, denominator: int) -> int:
    """Integer division rounded toward zero, as ClickHouse's intDiv does."""
    quotient = abs(numerator) // abs(denominator)
    return quotient if (numerator >= 0) == (denominator > 0) else -quotient


def collapse(tables: dict[str, list[dict]], name: str) -> pd.DataFrame:
    """The current rows of a raw table: the highest version of each key, deleted keys dropped."""
    frame = pd.DataFrame(tables[name])
    keys = KEYS.get(name, ["id"])
    frame = frame.sort_values("_version").groupby(keys, as_index=False).last()
    frame = frame[frame["_deleted"] == 0].drop(columns=["_version", "_deleted"]).reset_index(drop=True)
    for column in TIMESTAMPS:
        if column in frame:
            frame[column] = pd.to_datetime(frame[column], utc=True)
    return frame


class Warehouse:
    def __init__(self, fixture: dict):
        tables = fixture["tables"]
        self.as_of = date.fromisoformat(fixture["as_of_date"])
        self.as_of_end = datetime.combine(self.as_of + timedelta(days=1), datetime.min.time(), timezone.utc)
        self.programs = collapse(tables, "programs")
        self.members = collapse(tables, "members")
        self.events = collapse(tables, "events")
        self.ledger = collapse(tables, "ledger_entries")
        self.guest = collapse(tables, "guest_purchases")
        self.redemptions = collapse(tables, "redemptions")
        self.rewards = collapse(tables, "rewards")
        self.campaigns = collapse(tables, "campaigns")
        self.audiences = collapse(tables, "campaign_members")
        self.tiers = collapse(tables, "tiers")
        self.tier_changes = collapse(tables, "tier_changes")
        # Ledger entries and tier changes count when they took effect, not when they were recorded (docs/metrics.md);
        # rows without the column took effect when recorded, as the raw tables' default says.
        for frame in (self.ledger, self.tier_changes):
            recorded = frame["created_at"]
            frame["effective_at"] = frame["effective_at"].fillna(recorded) if "effective_at" in frame else recorded

        currency = self.programs.set_index("id")["earning_currency"]
        events = self.events[self.events["type"].isin(["purchase", "refund"])].copy()
        events["day"] = events["occurred_at"].dt.date
        in_currency = events["currency"] == events["program_id"].map(currency)
        sign = events["type"].map({"purchase": 1, "refund": -1})
        events["revenue"] = (events["amount_minor"].fillna(0).astype("int64") * sign).where(in_currency, 0)
        events["is_purchase"] = events["type"] == "purchase"
        self.activity = events[events["day"] <= self.as_of]
        self.enrolled = self.members[self.members["enrolled_at"].dt.date <= self.as_of]

    # ── cohort_retention ────────────────────────────────────────────────────────────────────────────────────────
    def cohort_retention(self) -> list[dict]:
        def month_start(d: date) -> date:
            return d.replace(day=1)

        def monday(d: date) -> date:
            return d - timedelta(days=d.weekday())

        def index(grain: str, start: date, d: date) -> int:
            if grain == "month":
                return (d.year - start.year) * 12 + d.month - start.month
            return (monday(d) - start).days // 7

        rows = []
        for grain, start_of in [("month", month_start), ("week", monday)]:
            members = self.enrolled.assign(cohort_start=self.enrolled["enrolled_at"].dt.date.map(start_of))
            joined = self.activity.merge(
                members[["tenant_id", "id", "cohort_start"]].rename(columns={"id": "member_id"}),
                on=["tenant_id", "member_id"],
            )
            joined["period_index"] = [index(grain, s, d) for s, d in zip(joined["cohort_start"], joined["day"])]
            joined = joined[joined["period_index"] >= 0]
            for (tenant_id, cohort_start), cohort in members.groupby(["tenant_id", "cohort_start"]):
                size = len(cohort)
                last = index(grain, cohort_start, self.as_of)
                for period in range(last + 1):
                    period_rows = joined[
                        (joined["tenant_id"] == tenant_id)
                        & (joined["cohort_start"] == cohort_start)
                        & (joined["period_index"] == period)
                    ]
                    active = period_rows.loc[period_rows["is_purchase"], "member_id"].nunique()
                    period_start = (
                        (pd.Timestamp(cohort_start) + pd.DateOffset(months=period)).date()
                        if grain == "month"
                        else cohort_start + timedelta(weeks=period)
                    )
                    rows.append({
                        "tenant_id": tenant_id, "cohort_grain": grain, "cohort_start": cohort_start.isoformat(),
                        "period_index": period, "period_start": period_start.isoformat(), "cohort_size": size,
                        "active_members": active, "retention_rate": active / size,
                        "revenue_minor": int(period_rows["revenue"].sum()),
                    })
        return rows

    # ── member_rfm ──────────────────────────────────────────────────────────────────────────────────────────────
    def member_rfm(self) -> list[dict]:
        window_start = self.as_of - timedelta(days=365)
        measures = []
        for member in self.enrolled.itertuples():
            mine = self.activity[(self.activity["tenant_id"] == member.tenant_id) & (self.activity["member_id"] == member.id)]
            bought = mine[mine["is_purchase"]]
            in_window = mine[mine["day"] > window_start]
            measures.append({
                "tenant_id": member.tenant_id, "member_id": member.id,
                "recency_days": (self.as_of - bought["day"].max()).days if len(bought) else None,
                "frequency": int(in_window["is_purchase"].sum()), "monetary_minor": int(in_window["revenue"].sum()),
            })
        frame = pd.DataFrame(measures)
        rows = []
        for tenant_id, tenant in frame.groupby("tenant_id"):
            scored = tenant[tenant["frequency"] > 0]
            n = len(scored)
            for m in tenant.to_dict("records"):
                m["recency_days"] = None if pd.isna(m["recency_days"]) else int(m["recency_days"])
                if m["frequency"] == 0:
                    r = f = s = 1
                else:
                    r = 1 + 5 * int((scored["recency_days"] > m["recency_days"]).sum()) // n
                    f = 1 + 5 * int((scored["frequency"] < m["frequency"]).sum()) // n
                    s = 1 + 5 * int((scored["monetary_minor"] < m["monetary_minor"]).sum()) // n
                rows.append({
                    **m, "as_of_date": self.as_of.isoformat(), "r_score": r, "f_score": f, "m_score": s,
                    "rfm_segment": segment(m["frequency"], r, f),
                })
        return rows

    # ── funnels ─────────────────────────────────────────────────────────────────────────────────────────────────
    def funnels(self) -> list[dict]:
        purchases = self.events[(self.events["type"] == "purchase") & (self.events["occurred_at"] < self.as_of_end)]
        ledger = self.ledger[self.ledger["effective_at"] < self.as_of_end]
        redemptions = ledger[ledger["kind"] == "redemption"]
        earnings = ledger[ledger["kind"].isin(["accrual", "bonus"])]
        paths = []
        for member in self.enrolled.itertuples():
            times = sorted(
                purchases.loc[
                    (purchases["tenant_id"] == member.tenant_id)
                    & (purchases["member_id"] == member.id)
                    & (purchases["occurred_at"] >= member.enrolled_at),
                    "occurred_at",
                ]
            )
            first = times[0] if len(times) >= 1 else None
            second = times[1] if len(times) >= 2 else None
            redeemed = None
            if second is not None:
                later = redemptions.loc[
                    (redemptions["tenant_id"] == member.tenant_id)
                    & (redemptions["member_id"] == member.id)
                    & (redemptions["effective_at"] >= second),
                    "effective_at",
                ]
                redeemed = later.min() if len(later) else None
            start = member.enrolled_at.date().replace(day=1)
            paths.append((member.tenant_id, "enrolment", start.isoformat(), start,
                          [member.enrolled_at, first, second, redeemed]))
        campaigns = self.campaigns[self.campaigns["starts_at"].dt.date <= self.as_of]
        for campaign in campaigns.itertuples():
            audience = self.audiences[
                (self.audiences["tenant_id"] == campaign.tenant_id) & (self.audiences["campaign_id"] == campaign.id)
            ]
            for entry in audience.itertuples():
                entered = max(entry.added_at, campaign.starts_at)
                earned_times = earnings.loc[
                    (earnings["tenant_id"] == campaign.tenant_id)
                    & (earnings["member_id"] == entry.member_id)
                    & (earnings["program_id"] == campaign.program_id)
                    & (earnings["effective_at"] >= entered)
                    & (earnings["effective_at"] < campaign.ends_at),
                    "effective_at",
                ]
                earned = earned_times.min() if len(earned_times) else None
                redeemed = None
                if earned is not None:
                    later = redemptions.loc[
                        (redemptions["tenant_id"] == campaign.tenant_id)
                        & (redemptions["member_id"] == entry.member_id)
                        & (redemptions["program_id"] == campaign.program_id)
                        & (redemptions["effective_at"] >= earned)
                        & (redemptions["effective_at"] < campaign.ends_at + timedelta(days=30)),
                        "effective_at",
                    ]
                    redeemed = later.min() if len(later) else None
                paths.append((campaign.tenant_id, "campaign", campaign.id, campaign.starts_at.date(),
                              [entered, earned, redeemed]))

        steps = {
            "enrolment": ["signed_up", "first_purchase", "second_purchase", "first_redemption"],
            "campaign": ["audience", "earned_in_window", "redeemed"],
        }
        cohorts: dict[tuple, list[list]] = {}
        for tenant_id, funnel, key, start, times in paths:
            cohorts.setdefault((tenant_id, funnel, key, start), []).append(times)
        rows = []
        for (tenant_id, funnel, key, start), members in cohorts.items():
            counts = []
            for i, step in enumerate(steps[funnel]):
                reached = [t for t in members if t[i] is not None]
                counts.append(len(reached))
                gaps = pd.Series([(t[i] - t[i - 1]).total_seconds() for t in reached]) if i > 0 else pd.Series([])
                rows.append({
                    "tenant_id": tenant_id, "funnel": funnel, "cohort_key": key, "cohort_start": start.isoformat(),
                    "step_index": i + 1, "step": step, "members": len(reached),
                    "conversion_from_previous": None if i == 0 or counts[i - 1] == 0 else len(reached) / counts[i - 1],
                    "conversion_from_start": len(reached) / counts[0],
                    "median_seconds_from_previous": float(gaps.median()) if len(gaps) else None,
                })
        return rows

    # ── program_roi ─────────────────────────────────────────────────────────────────────────────────────────────
    def program_roi(self) -> list[dict]:
        rows = []
        for program in self.programs.itertuples():
            def mine(frame):
                return frame[(frame["tenant_id"] == program.tenant_id) & (frame["program_id"] == program.id)]

            events = mine(self.events)
            events = events[events["occurred_at"] < self.as_of_end]
            guest = mine(self.guest)
            guest = guest[(guest["currency"] == program.earning_currency) & (guest["occurred_at"] < self.as_of_end)]
            firsts = list(events["occurred_at"]) + list(guest["occurred_at"])
            if not firsts:
                continue
            activity = mine(self.activity).assign(month=lambda f: f["day"].map(lambda d: d.replace(day=1)))
            guest = guest.assign(month=guest["occurred_at"].dt.date.map(lambda d: d.replace(day=1)))
            ledger = mine(self.ledger)
            ledger = ledger[ledger["effective_at"].dt.date <= self.as_of]
            redeemed_entries = ledger[
                (ledger["kind"] == "redemption") | ((ledger["kind"] == "reversal") & ledger["redemption_id"].notna())
            ]
            fulfilled = mine(self.redemptions)
            fulfilled = fulfilled[(fulfilled["status"] == "fulfilled") & (fulfilled["fulfilled_at"] < self.as_of_end)]
            fulfilled = fulfilled.merge(self.rewards[["id", "cost_minor"]].rename(columns={"id": "reward_id"}), on="reward_id")

            # Baselines: guest spend under the member's external id in the 365 days before enrolling.
            baselines = {}
            for member in self.members[self.members["tenant_id"] == program.tenant_id].itertuples():
                spent = guest[
                    (guest["customer_ref"] == member.external_id)
                    & (guest["occurred_at"] >= member.enrolled_at - timedelta(days=365))
                    & (guest["occurred_at"] < member.enrolled_at)
                ]
                if len(spent):
                    baselines[member.id] = int(spent["amount_minor"].sum()) // 12
            enrolled_by_ref = dict(zip(
                self.members.loc[self.members["tenant_id"] == program.tenant_id, "external_id"],
                self.members.loc[self.members["tenant_id"] == program.tenant_id, "enrolled_at"],
            ))

            month = min(firsts).date().replace(day=1)
            last = self.as_of.replace(day=1)
            while month <= last:
                next_month = (pd.Timestamp(month) + pd.DateOffset(months=1)).date()
                in_month = activity[activity["month"] == month]
                per_member = in_month.groupby("member_id").agg(purchases=("is_purchase", "sum"), revenue=("revenue", "sum"))
                active = per_member[per_member["purchases"] > 0]
                member_revenue = int(in_month["revenue"].sum())
                incremental = sum(
                    int(row.revenue) - baselines[member_id]
                    for member_id, row in active.iterrows()
                    if member_id in baselines
                )
                month_guest = guest[guest["month"] == month]
                month_end = datetime.combine(next_month, datetime.min.time(), timezone.utc)
                identified = month_guest[month_guest["customer_ref"].notna()]
                outsiders = identified[identified["customer_ref"].map(
                    lambda ref: ref not in enrolled_by_ref or enrolled_by_ref[ref] >= month_end
                ).astype(bool)]
                customers = outsiders["customer_ref"].nunique()
                outsider_revenue = int(outsiders["amount_minor"].sum())
                matched = (
                    0 if len(active) == 0 or customers == 0
                    else trunc_div(member_revenue * customers - len(active) * outsider_revenue, customers)
                )
                redeemed = -int(redeemed_entries.loc[redeemed_entries["effective_at"].dt.date.map(
                    lambda d: d.replace(day=1)) == month, "points"].sum())
                points_cost = trunc_div(redeemed * int(program.money_value_per_1000_points), 1000)
                reward_cost = int(fulfilled.loc[fulfilled["fulfilled_at"].dt.date.map(
                    lambda d: d.replace(day=1)) == month, "cost_minor"].sum())
                total = points_cost + reward_cost
                rows.append({
                    "tenant_id": program.tenant_id, "program_id": program.id, "month": month.isoformat(),
                    "currency": program.earning_currency, "member_revenue_minor": member_revenue,
                    "guest_revenue_minor": int(month_guest["amount_minor"].sum()), "active_members": len(active),
                    "incremental_revenue_baseline_minor": incremental, "incremental_revenue_matched_minor": matched,
                    "redeemed_points": redeemed, "points_cost_minor": points_cost, "reward_cost_minor": reward_cost,
                    "total_cost_minor": total, "roi": None if total == 0 else (incremental - total) / total,
                })
                month = next_month
        return rows

    # ── tier_distribution ───────────────────────────────────────────────────────────────────────────────────────
    def tier_distribution(self) -> list[dict]:
        rows = []
        ledger = self.ledger[self.ledger["effective_at"].dt.date <= self.as_of]
        changes = self.tier_changes[self.tier_changes["effective_at"] < self.as_of_end].sort_values(["effective_at", "id"])
        for program in self.programs.itertuples():
            entries = ledger[(ledger["tenant_id"] == program.tenant_id) & (ledger["program_id"] == program.id)]
            if entries.empty:
                continue
            joined = entries.groupby("member_id")["effective_at"].min().dt.date.map(lambda d: d.replace(day=1))
            tiers = self.tiers[(self.tiers["tenant_id"] == program.tenant_id) & (self.tiers["program_id"] == program.id)]
            mine = changes[(changes["tenant_id"] == program.tenant_id) & (changes["program_id"] == program.id)]
            month = joined.min()
            while month <= self.as_of.replace(day=1):
                next_month = (pd.Timestamp(month) + pd.DateOffset(months=1)).date()
                month_end = datetime.combine(next_month, datetime.min.time(), timezone.utc)
                members = int((joined <= month).sum())
                # The tier each member holds at the month's end: their last change by then (None: no tier).
                # (tail, not last(): last() skips missing values, and a lost tier is one.)
                held = mine[mine["effective_at"] < month_end].groupby("member_id").tail(1)["to_tier_id"]
                counts = {tier.id: int((held == tier.id).sum()) for tier in tiers.itertuples()}
                for tier in tiers.itertuples():
                    rows.append({
                        "tenant_id": program.tenant_id, "program_id": program.id, "month": month.isoformat(),
                        "tier_id": tier.id, "tier_name": tier.name, "tier_rank": int(tier.rank),
                        "members": counts[tier.id], "share": counts[tier.id] / members if members else 0.0,
                    })
                untiered = members - sum(counts.values())
                rows.append({
                    "tenant_id": program.tenant_id, "program_id": program.id, "month": month.isoformat(),
                    "tier_id": None, "tier_name": "No tier", "tier_rank": 0, "members": max(untiered, 0),
                    "share": untiered / members if members else 0.0,
                })
                month = next_month
        return rows


def segment(frequency: int, r: int, f: int) -> str:
    """The named RFM segment, first match wins (docs/metrics.md)."""
    if frequency == 0 or (r == 1 and f == 1):
        return "Lost"
    rules = [
        ("Champions", r == 5 and f >= 4),
        ("Loyal", 3 <= r <= 4 and f >= 4),
        ("Potential Loyalists", r >= 4 and 2 <= f <= 3),
        ("New", r == 5 and f == 1),
        ("Promising", r == 4 and f == 1),
        ("Need Attention", r == 3 and f == 3),
        ("About to Sleep", r == 3 and f <= 2),
        ("Cannot Lose Them", r <= 2 and f == 5),
        ("At Risk", r <= 2 and 3 <= f <= 4),
        ("Hibernating", r <= 2 and f <= 2),
    ]
    return next(name for name, matches in rules if matches)
