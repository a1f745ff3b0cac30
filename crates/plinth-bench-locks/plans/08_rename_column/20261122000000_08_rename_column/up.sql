-- HAND-WRITTEN PLAN (planner pending), for plinth-bench-locks: this is `plinth plan`'s
-- output for this scenario with one change: the backfill is a keyset walk (the last id
-- done is kept in a session setting, so each batch is an id range on the primary key starting
-- where the previous one ended)
-- instead of re-scanning from the first id for rows still to fill, which is quadratic:
-- 36 s for 200,000 rows, minutes for 1,000,000.
-- plinth plan (up) for PostgreSQL 15: 3 step(s).
-- Phases: expand → backfill → contract. Generated; review before running.

-- plinth:step 1 add_column_orders_memo phase=expand lock=ACCESS_EXCLUSIVE cost=catalog
-- expand: memo is written together with note by a trigger, so old and new code both work
SET lock_timeout = '2s';
SET statement_timeout = '5s';
ALTER TABLE orders ADD COLUMN memo text;
CREATE OR REPLACE FUNCTION plinth_sync_orders_memo() RETURNS trigger LANGUAGE plpgsql AS $plinth$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.memo IS NULL THEN NEW.memo := NEW.note; ELSIF NEW.note IS NULL THEN NEW.note := NEW.memo; END IF;
  ELSIF NEW.note IS DISTINCT FROM OLD.note THEN
    NEW.memo := NEW.note;
  ELSIF NEW.memo IS DISTINCT FROM OLD.memo THEN
    NEW.note := NEW.memo;
  END IF;
  RETURN NEW;
END
$plinth$;
CREATE TRIGGER plinth_sync_orders_memo BEFORE INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION plinth_sync_orders_memo();

-- plinth:step 2 backfill_orders_memo phase=backfill lock=ROW_EXCLUSIVE cost=scan batched
-- (one statement, repeated until it reports 0 rows)
WITH batch AS (
  SELECT min(id) AS lo, max(id) AS hi FROM (
    SELECT id FROM orders
    WHERE id > COALESCE(NULLIF(current_setting('plinth.backfill_orders_memo', true), ''), '0')::bigint
    ORDER BY id LIMIT 1000
  ) ids
), filled AS (
  UPDATE orders o SET memo = o.note FROM batch WHERE o.id BETWEEN batch.lo AND batch.hi AND (o.memo IS DISTINCT FROM o.note)
)
SELECT set_config('plinth.backfill_orders_memo', hi::text, false) FROM batch WHERE hi IS NOT NULL;

-- plinth:step 3 drop_column_orders_note phase=contract lock=ACCESS_EXCLUSIVE cost=catalog
-- contract: once no client reads or writes note
SET lock_timeout = '2s';
SET statement_timeout = '5s';
DROP TRIGGER IF EXISTS plinth_sync_orders_memo ON orders;
DROP FUNCTION IF EXISTS plinth_sync_orders_memo();
ALTER TABLE orders DROP COLUMN note;
