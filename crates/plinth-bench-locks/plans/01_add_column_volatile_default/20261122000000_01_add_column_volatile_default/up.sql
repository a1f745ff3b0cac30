-- HAND-WRITTEN PLAN (planner pending), for plinth-bench-locks: this is `plinth plan`'s
-- output for this scenario with one change: the backfill is a keyset walk (the last id
-- done is kept in a session setting, so each batch is an id range on the primary key starting
-- where the previous one ended)
-- instead of re-scanning from the first id for rows still to fill, which is quadratic:
-- 36 s for 200,000 rows, minutes for 1,000,000.
-- plinth plan (up) for PostgreSQL 15: 5 step(s).
-- Phases: expand → backfill → contract. Generated; review before running.

-- plinth:step 1 add_column_orders_ref phase=expand lock=ACCESS_EXCLUSIVE cost=catalog
-- added nullable: NOT NULL comes after the backfill, through a validated CHECK
SET lock_timeout = '2s';
SET statement_timeout = '5s';
ALTER TABLE orders ADD COLUMN ref uuid;
ALTER TABLE orders ALTER COLUMN ref SET DEFAULT gen_random_uuid();

-- plinth:step 2 backfill_orders_ref phase=backfill lock=ROW_EXCLUSIVE cost=scan batched
-- 1000 rows per statement, repeated until it updates none
-- (one statement, repeated until it reports 0 rows)
WITH batch AS (
  SELECT min(id) AS lo, max(id) AS hi FROM (
    SELECT id FROM orders
    WHERE id > COALESCE(NULLIF(current_setting('plinth.backfill_orders_ref', true), ''), '0')::bigint
    ORDER BY id LIMIT 1000
  ) ids
), filled AS (
  UPDATE orders o SET ref = gen_random_uuid() FROM batch WHERE o.id BETWEEN batch.lo AND batch.hi AND (o.ref IS NULL)
)
SELECT set_config('plinth.backfill_orders_ref', hi::text, false) FROM batch WHERE hi IS NOT NULL;

-- plinth:step 3 check_orders_ref_not_null phase=contract lock=ACCESS_EXCLUSIVE cost=catalog
-- NOT VALID: enforced for new writes at once, existing rows checked by the next step
SET lock_timeout = '2s';
SET statement_timeout = '5s';
ALTER TABLE orders ADD CONSTRAINT orders_ref_not_null CHECK (ref IS NOT NULL) NOT VALID;

-- plinth:step 4 validate_orders_ref_not_null phase=contract lock=SHARE_UPDATE_EXCLUSIVE cost=scan
-- scans the table under SHARE UPDATE EXCLUSIVE: reads and writes continue
SET lock_timeout = '2s';
SET statement_timeout = 0;
ALTER TABLE orders VALIDATE CONSTRAINT orders_ref_not_null;

-- plinth:step 5 set_not_null_orders_ref phase=contract lock=ACCESS_EXCLUSIVE cost=catalog
-- no scan: the valid CHECK (c IS NOT NULL) proves it (PostgreSQL ≥ 12)
SET lock_timeout = '2s';
SET statement_timeout = '5s';
ALTER TABLE orders ALTER COLUMN ref SET NOT NULL;
ALTER TABLE orders DROP CONSTRAINT orders_ref_not_null;
