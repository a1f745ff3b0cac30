-- scenario: a table is dropped (destructive)
-- from
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL,
  qty integer,
  note text
);
CREATE TABLE audit_log (
  id bigint PRIMARY KEY,
  msg text
);
-- to
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL,
  qty integer,
  note text
);
-- rows
INSERT INTO orders (title, qty, note) SELECT 'order ' || g, g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'n' || g END FROM generate_series(1, 2500) g;
INSERT INTO audit_log SELECT g, 'm' || g FROM generate_series(1, 100) g;
