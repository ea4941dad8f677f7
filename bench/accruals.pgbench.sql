-- The writes of one purchase accrual, as pgbench's reference for `npm run bench -- accruals`: look the member up by
-- external id, insert the event, update the balance (taking the next seq), insert the ledger entry.
-- Variables (-D): tenant, program (uuids), members (how many members m1..mN the bench created).
\set n random(1, :members)
BEGIN;
SELECT id AS member FROM members WHERE tenant_id = :tenant::uuid AND external_id = 'm' || :n::text \gset
INSERT INTO events (tenant_id, program_id, member_id, external_id, type, occurred_at, amount_minor, currency)
  VALUES (:tenant::uuid, :program::uuid, :member::uuid, gen_random_uuid()::text, 'purchase', now(), 4250, 'EUR')
  RETURNING id AS event \gset
UPDATE balances SET available = available + 47, lifetime_earned = lifetime_earned + 47, seq = seq + 1, updated_at = now()
  WHERE member_id = :member::uuid AND program_id = :program::uuid RETURNING seq \gset
INSERT INTO ledger_entries (tenant_id, member_id, program_id, seq, kind, points, event_id)
  VALUES (:tenant::uuid, :member::uuid, :program::uuid, :seq, 'accrual', 47, :event::uuid);
END;
