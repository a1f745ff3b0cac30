-- scenario: text holding numbers to integer
-- from
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL,
  qty integer,
  note text,
  code text
);
-- to
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL,
  qty integer,
  note text,
  code integer
);
-- rows
INSERT INTO orders (title, qty, note, code) SELECT 'order ' || g, g, 'n', g::text FROM generate_series(1, 2500) g;
