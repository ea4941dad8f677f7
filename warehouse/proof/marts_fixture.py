"""A small, deterministic merchant history as warehouse/cdc writes it into raw.*: the rows the marts are proven on.

`.venv/bin/python warehouse/proof/marts_fixture.py` writes warehouse/proof/marts_fixture.json. It holds what makes the metric rules bite:
several versions of a row (one arriving out of order), a history imported after the fact (entries and tier changes
recorded long after they took effect), a deleted member, an erased member, purchases before enrolment and after the
as-of date, refunds, an event in a currency the program does not earn in, ties in RFM measures, guest purchases by
anonymous customers, by identified non-members and by members before they enrolled, campaigns with audiences,
redemptions that were cancelled, tier upgrades and downgrades, and a second tenant.
"""

import json
import random
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

AS_OF_DATE = "2026-06-30"
SEED = 20260630
PATH = Path(__file__).with_name("marts_fixture.json")

TABLES = [
    "tenants", "programs", "members", "events", "ledger_entries", "balances", "rewards", "redemptions",
    "tiers", "tier_changes", "guest_purchases", "campaigns", "campaign_members",
]


def _ts(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S.") + f"{moment.microsecond // 1000:03d}"


# Some members' history was imported from another platform on this day: their ledger entries and tier changes took
# effect when they happened (effective_at) but were recorded no earlier than the import (created_at).
IMPORTED_AT = datetime(2026, 5, 1, tzinfo=timezone.utc)


def _recorded(at: datetime, imported: bool) -> str:
    return _ts(max(at, IMPORTED_AT) if imported else at)


class _Builder:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.rows: dict[str, list[dict]] = {t: [] for t in TABLES}
        self.version = 1000

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def add(self, table: str, row: dict, deleted: int = 0, version: int | None = None) -> dict:
        if version is None:
            self.version += 10
            version = self.version
        full = {**row, "_version": version, "_deleted": deleted}
        self.rows[table].append(full)
        return full

    def moment(self, start: datetime, end: datetime) -> datetime:
        span = int((end - start).total_seconds() * 1000)
        return start + timedelta(milliseconds=self.rng.randrange(span))


def build() -> dict[str, list[dict]]:
    b = _Builder(SEED)
    utc = timezone.utc
    start = datetime(2025, 7, 1, tzinfo=utc)
    as_of_end = datetime(2026, 7, 1, tzinfo=utc)
    created = _ts(datetime(2025, 6, 1, tzinfo=utc))

    for tenant_index, (slug, currency, member_count) in enumerate([("harbor", "EUR", 48), ("meadow", "GBP", 16)]):
        tenant_id = b.uuid()
        b.add("tenants", {
            "id": tenant_id, "slug": slug, "name": slug.title(), "time_zone": "UTC", "currency": currency,
            "created_at": created + "000", "updated_at": created + "000",
        })
        program_id = b.uuid()
        b.add("programs", {
            "tenant_id": tenant_id, "id": program_id, "name": f"{slug.title()} Rewards", "points_name": "Points",
            "earning_currency": currency, "rounding": "floor", "expiry_policy": "never", "expiry_value": None,
            "min_redemption": 0, "max_points_per_event": None, "money_value_per_1000_points": 10 if tenant_index == 0 else 7,
            "status": "active", "created_at": created, "updated_at": created,
        })
        tiers = []
        for rank, name in [(1, "Silver"), (2, "Gold")]:
            tier_id = b.uuid()
            tiers.append(tier_id)
            b.add("tiers", {
                "tenant_id": tenant_id, "id": tier_id, "program_id": program_id, "name": name, "rank": rank,
                "qualification": "lifetime_points", "threshold": 100 if rank == 1 else 250, "earn_multiplier_pct": 100,
                "grace_days": 0, "benefits": "[]", "created_at": created, "updated_at": created,
            })
        rewards = []
        for cost_points, cost_minor in [(200, 150), (500, 400)]:
            reward_id = b.uuid()
            rewards.append((reward_id, cost_points))
            b.add("rewards", {
                "tenant_id": tenant_id, "id": reward_id, "program_id": program_id, "name": f"Reward {cost_points}",
                "description": None, "kind": "custom", "cost_points": cost_points, "discount_amount_minor": None,
                "discount_percent": None, "sku": None, "inventory": None, "per_member_limit": None, "tier_ids": [],
                "available_from": None, "available_to": None, "cost_minor": cost_minor, "status": "active",
                "created_at": created, "updated_at": created,
            })
        campaigns = []
        if tenant_index == 0:
            for c_start, c_end in [(datetime(2025, 11, 1, tzinfo=utc), datetime(2025, 12, 1, tzinfo=utc)),
                                   (datetime(2026, 3, 10, tzinfo=utc), datetime(2026, 4, 10, tzinfo=utc))]:
                campaign_id = b.uuid()
                campaigns.append((campaign_id, c_start, c_end))
                b.add("campaigns", {
                    "tenant_id": tenant_id, "id": campaign_id, "program_id": program_id,
                    "name": f"Double points {c_start:%B}", "status": "ended", "starts_at": _ts(c_start),
                    "ends_at": _ts(c_end), "created_at": created, "updated_at": created,
                })

        for index in range(member_count):
            member_id = b.uuid()
            external_id = f"{slug}-{index:03d}"
            enrolled = b.moment(start, as_of_end - timedelta(days=10))
            member = {
                "tenant_id": tenant_id, "id": member_id, "external_id": external_id,
                "email": f"{external_id}@example.com", "first_name": "Ada", "last_name": "Member", "phone": None,
                "birth_date": None, "attributes": "{}", "tags": ["vip"] if index % 7 == 0 else [], "consents": "{}",
                "status": "active", "enrolled_at": _ts(enrolled), "erased_at": None, "created_at": _ts(enrolled),
                "updated_at": _ts(enrolled),
            }
            first = b.add("members", member)
            if index == 3:
                # Renamed later; the newer version reaches ClickHouse before the older one is replayed.
                b.rows["members"].pop()
                b.add("members", {**member, "tags": ["renamed"]}, version=first["_version"] + 5)
                b.add("members", member, version=first["_version"])
            if index == 5:
                b.add("members", member, deleted=1)
            if index == 6:
                b.add("members", {**member, "status": "erased", "email": None, "erased_at": _ts(enrolled)})

            # Guest purchases under the member's id before enrolling: the ROI baseline.
            if index % 4 == 0:
                for _ in range(b.rng.randrange(1, 4)):
                    at = b.moment(enrolled - timedelta(days=400), enrolled)
                    b.add("guest_purchases", {
                        "tenant_id": tenant_id, "id": b.uuid(), "program_id": program_id,
                        "external_id": f"g-{b.uuid()[:8]}", "customer_ref": external_id, "occurred_at": _ts(at),
                        "amount_minor": b.rng.choice([1500, 2500, 4000]), "currency": currency, "channel": "store",
                        "created_at": _ts(at),
                    })

            balance = 0
            seq = 0
            lifetime = redeemed = 0

            imported = index % 7 == 3

            def ledger(kind, points, at, event_id=None, redemption_id=None, campaign_id=None):
                nonlocal balance, seq, lifetime, redeemed
                seq += 1
                balance += points
                if kind in ("accrual", "bonus"):
                    lifetime += points
                if kind == "redemption":
                    redeemed -= points
                b.add("ledger_entries", {
                    "tenant_id": tenant_id, "id": b.uuid(), "member_id": member_id, "program_id": program_id,
                    "seq": seq, "kind": kind, "points": points, "event_id": event_id, "redemption_id": redemption_id,
                    "rule_version_ids": [], "campaign_id": campaign_id, "reason": None, "actor_id": None,
                    "shortfall_points": 0, "effective_at": _ts(at), "created_at": _recorded(at, imported),
                })

            purchases = b.rng.choice([0, 1, 2, 2, 3, 4, 6, 9])
            moments = sorted(b.moment(enrolled - timedelta(days=20), as_of_end + timedelta(days=20))
                             for _ in range(purchases))
            if index == 8 and moments:
                moments.append(moments[-1])  # two purchases at the same instant
            tier = None
            for at in moments:
                amount = b.rng.choice([1200, 2500, 2500, 4800, 9900])
                event_currency = "USD" if index == 9 else currency  # not the program's currency
                event_id = b.uuid()
                b.add("events", {
                    "tenant_id": tenant_id, "id": event_id, "program_id": program_id, "member_id": member_id,
                    "external_id": f"o-{event_id[:8]}", "type": "purchase", "custom_type": None,
                    "occurred_at": _ts(at), "amount_minor": amount, "currency": event_currency, "channel": "web",
                    "line_items": "[]", "attributes": "{}", "refund_of_event_id": None, "points_by_rule": "{}",
                    "created_at": _ts(at),
                })
                points = amount // 100
                ledger("accrual", points, at, event_id=event_id)
                for campaign_id, c_start, c_end in campaigns:
                    if c_start <= at < c_end:
                        ledger("bonus", points, at, event_id=event_id, campaign_id=campaign_id)
                if b.rng.random() < 0.15:
                    refund_at = at + timedelta(days=b.rng.randrange(1, 20))
                    refund_id = b.uuid()
                    b.add("events", {
                        "tenant_id": tenant_id, "id": refund_id, "program_id": program_id, "member_id": member_id,
                        "external_id": f"r-{refund_id[:8]}", "type": "refund", "custom_type": None,
                        "occurred_at": _ts(refund_at), "amount_minor": amount // 2, "currency": event_currency,
                        "channel": "web", "line_items": "[]", "attributes": "{}", "refund_of_event_id": event_id,
                        "points_by_rule": "{}", "created_at": _ts(refund_at),
                    })
                    ledger("reversal", -(points // 2), refund_at, event_id=refund_id)
                if balance >= 200 and b.rng.random() < 0.5:
                    reward_id, cost = rewards[0] if balance < 500 else rewards[b.rng.randrange(2)]
                    redeem_at = at + timedelta(hours=b.rng.randrange(1, 400))
                    redemption_id = b.uuid()
                    cancelled = b.rng.random() < 0.2
                    row = {
                        "tenant_id": tenant_id, "id": redemption_id, "member_id": member_id,
                        "program_id": program_id, "reward_id": reward_id, "points": cost, "status": "reserved",
                        "hold_expires_at": _ts(redeem_at + timedelta(days=1)), "created_at": _ts(redeem_at),
                        "fulfilled_at": None, "cancelled_at": None,
                    }
                    b.add("redemptions", row)
                    ledger("redemption", -cost, redeem_at, redemption_id=redemption_id)
                    if cancelled:
                        b.add("redemptions", {**row, "status": "cancelled", "cancelled_at": _ts(redeem_at)})
                        ledger("reversal", cost, redeem_at + timedelta(minutes=5), redemption_id=redemption_id)
                        redeemed -= cost
                    else:
                        b.add("redemptions", {**row, "status": "fulfilled", "fulfilled_at": _ts(redeem_at)})
                new_tier = tiers[1] if lifetime >= 250 else tiers[0] if lifetime >= 100 else None
                if new_tier != tier:
                    b.add("tier_changes", {
                        "tenant_id": tenant_id, "id": b.uuid(), "member_id": member_id, "program_id": program_id,
                        "from_tier_id": tier, "to_tier_id": new_tier, "reason": "qualification",
                        "effective_at": _ts(at), "created_at": _recorded(at, imported),
                    })
                    tier = new_tier
            if index % 11 == 0 and balance > 50:
                ledger("expiry", -50, as_of_end - timedelta(days=15))
                b.add("tier_changes", {
                    "tenant_id": tenant_id, "id": b.uuid(), "member_id": member_id, "program_id": program_id,
                    "from_tier_id": tier, "to_tier_id": None, "reason": "expiry",
                    "effective_at": _ts(as_of_end - timedelta(days=15)),
                    "created_at": _recorded(as_of_end - timedelta(days=15), imported),
                }) if tier else None
                tier = None
            if index % 13 == 0:
                ledger("adjustment", 25, enrolled + timedelta(days=1))
            for campaign_id, c_start, _ in campaigns:
                if index % 3 != 2:
                    added = c_start - timedelta(days=2) if index % 2 else c_start + timedelta(days=3)
                    b.add("campaign_members", {
                        "tenant_id": tenant_id, "campaign_id": campaign_id, "member_id": member_id,
                        "variant": "control" if index % 5 == 0 else "treatment", "added_at": _ts(added),
                    })
            b.add("balances", {
                "tenant_id": tenant_id, "member_id": member_id, "program_id": program_id,
                "available": balance, "pending": 0, "lifetime_earned": lifetime, "redeemed": redeemed,
                "expired": 50 if index % 11 == 0 and balance > 50 else 0, "tier_id": tier, "tier_since": None,
                "seq": seq, "updated_at": _ts(as_of_end),
            })

        # Customers who never joined: identified (customer_ref) and anonymous.
        for n in range(30):
            at = b.moment(start - timedelta(days=60), as_of_end)
            b.add("guest_purchases", {
                "tenant_id": tenant_id, "id": b.uuid(), "program_id": program_id, "external_id": f"g-{n}",
                "customer_ref": f"{slug}-guest-{n % 9}" if n % 3 else None, "occurred_at": _ts(at),
                "amount_minor": b.rng.choice([900, 1800, 3000]), "currency": currency, "channel": "store",
                "created_at": _ts(at),
            })
    return b.rows


if __name__ == "__main__":
    PATH.write_text(json.dumps({"as_of_date": AS_OF_DATE, "tables": build()}, indent=None, separators=(",", ":")))
    print(f"wrote {PATH}")
