-- HAND-WRITTEN PLAN (planner pending), for plinth-bench-locks: this is `plinth plan`'s
-- output for this scenario with one change: the backfill is a keyset walk (the last id
-- done is kept in a session setting, so each batch is an id range on the primary key starting
-- where the previous one ended)
-- instead of re-scanning from the first id for rows still to fill, which is quadratic:
-- 36 s for 200,000 rows, minutes for 1,000,000.
-- plinth plan (up) for PostgreSQL 15: 3 step(s).
-- Phases: expand → backfill → contract. Generated; review before running.

-- plinth:step 1 add_shadow_orders_qty phase=expand lock=ACCESS_EXCLUSIVE cost=catalog
-- qty__plinth_new holds the new type; a trigger keeps it in sync with qty
SET lock_timeout = '2s';
SET statement_timeout = '5s';
ALTER TABLE orders ADD COLUMN qty__plinth_new bigint;
CREATE OR REPLACE FUNCTION plinth_sync_orders_qty__plinth_new() RETURNS trigger LANGUAGE plpgsql AS $plinth$
BEGIN
  NEW.qty__plinth_new := CAST(NEW.qty AS bigint);
  RETURN NEW;
END
$plinth$;
CREATE TRIGGER plinth_sync_orders_qty__plinth_new BEFORE INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION plinth_sync_orders_qty__plinth_new();

-- plinth:step 2 backfill_orders_qty__plinth_new phase=backfill lock=ROW_EXCLUSIVE cost=scan batched
-- (one statement, repeated until it reports 0 rows)
WITH batch AS (
  SELECT min(id) AS lo, max(id) AS hi FROM (
    SELECT id FROM orders
    WHERE id > COALESCE(NULLIF(current_setting('plinth.backfill_orders_qty', true), ''), '0')::bigint
    ORDER BY id LIMIT 1000
  ) ids
), filled AS (
  UPDATE orders o SET qty__plinth_new = CAST(o.qty AS bigint) FROM batch WHERE o.id BETWEEN batch.lo AND batch.hi AND (o.qty__plinth_new IS NULL AND o.qty IS NOT NULL)
)
SELECT set_config('plinth.backfill_orders_qty', hi::text, false) FROM batch WHERE hi IS NOT NULL;

-- plinth:step 3 swap_orders_qty phase=contract lock=ACCESS_EXCLUSIVE cost=catalog
-- swap: qty is replaced by qty__plinth_new in one transaction
SET lock_timeout = '2s';
SET statement_timeout = '5s';
DROP TRIGGER IF EXISTS plinth_sync_orders_qty__plinth_new ON orders;
DROP FUNCTION IF EXISTS plinth_sync_orders_qty__plinth_new();
ALTER TABLE orders DROP COLUMN qty;
ALTER TABLE orders RENAME COLUMN qty__plinth_new TO qty;
