-- plinth plan (down) for PostgreSQL 15: 3 step(s).
-- Phases: expand → backfill → contract. Generated; review before running.

-- plinth:step 1 add_column_orders_note phase=contract lock=ACCESS_EXCLUSIVE cost=catalog
SET lock_timeout = '2s';
SET statement_timeout = '5s';
ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text;
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

-- plinth:step 2 backfill_orders_note phase=backfill lock=ROW_EXCLUSIVE cost=scan batched
-- (one statement, repeated until it reports 0 rows)
UPDATE orders SET note = memo WHERE id IN (SELECT id FROM orders WHERE note IS DISTINCT FROM memo ORDER BY id LIMIT 1000);

-- plinth:step 3 drop_column_orders_memo phase=expand lock=ACCESS_EXCLUSIVE cost=catalog
SET lock_timeout = '2s';
SET statement_timeout = '5s';
DROP TRIGGER IF EXISTS plinth_sync_orders_memo ON orders;
DROP FUNCTION IF EXISTS plinth_sync_orders_memo();
ALTER TABLE orders DROP COLUMN IF EXISTS memo;
