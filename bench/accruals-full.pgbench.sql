-- Every statement an accrual through POST /v1/events makes, as simple SQL: the second pgbench reference of
-- `npm run bench -- accruals` (the first, accruals.pgbench.sql, has the issue's three writes only). The tenant
-- settings, the idempotency key claimed and its response stored, the program with its rule versions, the member,
-- the balance locked, the event, the balance, the ledger entry, the lot and the outbox event.
-- Variables (-D): tenant, program (uuids), members (how many members m1..mN the bench created).
\set n random(1, :members)
BEGIN;
SELECT set_config('role', 'monet_app', true), set_config('app.tenant_id', :tenant::text, true);
INSERT INTO idempotency_keys (tenant_id, key, operation, request_hash, response_status, response_body, expires_at)
  VALUES (:tenant::uuid, gen_random_uuid()::text, 'POST /v1/events', md5(random()::text), 0, 'null',
    now() + interval '24 hours')
  RETURNING key \gset
SELECT p.id, t.time_zone, ARRAY(SELECT rv.id FROM rules r JOIN rule_versions rv ON rv.rule_id = r.id
    AND rv.version = r.current_version WHERE r.program_id = p.id AND r.archived_at IS NULL ORDER BY rv.id) AS versions
  FROM programs p JOIN tenants t ON t.id = p.tenant_id WHERE p.id = :program::uuid;
SELECT id AS member FROM members WHERE tenant_id = :tenant::uuid AND external_id = 'm' || :n::text \gset
SELECT available FROM balances WHERE member_id = :member::uuid AND program_id = :program::uuid FOR UPDATE;
INSERT INTO events (tenant_id, program_id, member_id, external_id, type, occurred_at, amount_minor, currency, channel,
    line_items, points_by_rule)
  VALUES (:tenant::uuid, :program::uuid, :member::uuid, gen_random_uuid()::text, 'purchase', now(), 4250, 'EUR', 'store',
    '[{"sku":"LATTE-L","category":"drinks","quantity":2,"unitAmountMinor":2125}]', '{}')
  RETURNING id AS event \gset
UPDATE balances SET available = available + 47, lifetime_earned = lifetime_earned + 47, seq = seq + 1, updated_at = now()
  WHERE member_id = :member::uuid AND program_id = :program::uuid RETURNING seq \gset
INSERT INTO ledger_entries (tenant_id, member_id, program_id, seq, kind, points, event_id)
  VALUES (:tenant::uuid, :member::uuid, :program::uuid, :seq, 'accrual', 47, :event::uuid) RETURNING id AS entry \gset
INSERT INTO point_lots (tenant_id, member_id, program_id, ledger_entry_id, earned_at, points, remaining)
  VALUES (:tenant::uuid, :member::uuid, :program::uuid, :entry::uuid, now(), 47, 47);
INSERT INTO outbox_events (tenant_id, type, payload)
  VALUES (:tenant::uuid, 'points.earned', jsonb_build_object('memberId', :member::text, 'points', 47));
UPDATE idempotency_keys SET response_status = 201, response_body = jsonb_build_object('eventId', :event::text)
  WHERE tenant_id = :tenant::uuid AND key = :key::text;
END;
