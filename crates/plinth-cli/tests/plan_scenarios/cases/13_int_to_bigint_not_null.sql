-- scenario: NOT NULL integer to bigint with a default
-- from
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL,
  qty integer NOT NULL DEFAULT 1,
  note text
);
-- to
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL,
  qty bigint NOT NULL DEFAULT 1,
  note text
);
-- rows
INSERT INTO orders (title, qty, note) SELECT 'order ' || g, g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'n' || g END FROM generate_series(1, 2500) g;
