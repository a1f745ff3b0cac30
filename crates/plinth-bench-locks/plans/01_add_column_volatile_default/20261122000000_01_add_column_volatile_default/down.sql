-- plinth plan (down) for PostgreSQL 15: 5 step(s).
-- Phases: expand → backfill → contract. Generated; review before running.

-- plinth:step 1 drop_not_null_orders_ref phase=contract lock=ACCESS_EXCLUSIVE cost=catalog
SET lock_timeout = '2s';
SET statement_timeout = '5s';
ALTER TABLE orders ALTER COLUMN ref DROP NOT NULL;

-- plinth:step 2 unvalidate_orders_ref phase=contract lock=NONE cost=catalog
-- nothing to undo: validation only read rows

-- plinth:step 3 drop_check_orders_ref_not_null phase=contract lock=ACCESS_EXCLUSIVE cost=catalog
SET lock_timeout = '2s';
SET statement_timeout = '5s';
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_ref_not_null;

-- plinth:step 4 unbackfill_orders_ref phase=backfill lock=NONE cost=catalog
-- nothing to undo: the values are dropped with the column

-- plinth:step 5 drop_column_orders_ref phase=expand lock=ACCESS_EXCLUSIVE cost=catalog
SET lock_timeout = '2s';
SET statement_timeout = '5s';
ALTER TABLE orders DROP COLUMN IF EXISTS ref;
