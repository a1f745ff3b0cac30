-- plinth plan (down) for PostgreSQL 15: 3 step(s).
-- Phases: expand → backfill → contract. Generated; review before running.

-- plinth:step 1 alter_type_orders_qty_back phase=contract lock=ACCESS_EXCLUSIVE cost=rewrite
-- the down converts back in place: ACCESS EXCLUSIVE while the table is rewritten; fails if a value no longer fits
SET lock_timeout = '2s';
SET statement_timeout = 0;
ALTER TABLE orders ALTER COLUMN qty TYPE integer USING CAST(qty AS integer);

-- plinth:step 2 unbackfill_orders_qty__plinth_new phase=backfill lock=NONE cost=catalog
-- nothing to undo: the shadow column is dropped

-- plinth:step 3 drop_shadow_orders_qty phase=expand lock=ACCESS_EXCLUSIVE cost=catalog
SET lock_timeout = '2s';
SET statement_timeout = '5s';
DROP TRIGGER IF EXISTS plinth_sync_orders_qty__plinth_new ON orders;
DROP FUNCTION IF EXISTS plinth_sync_orders_qty__plinth_new();
ALTER TABLE orders DROP COLUMN IF EXISTS qty__plinth_new;
