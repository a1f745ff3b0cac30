-- scenario: a table is renamed (hint in SQL)
-- from
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL,
  qty integer,
  note text
);
-- to
-- plinth:renamed-from orders
CREATE TABLE purchases (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL,
  qty integer,
  note text
);
-- rows
INSERT INTO orders (title, qty, note) SELECT 'order ' || g, g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'n' || g END FROM generate_series(1, 2500) g;
