-- scenario: numeric(10,2) to numeric(14,2): catalog only
-- from
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL,
  qty integer,
  note text,
  amount numeric(10,2)
);
-- to
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL,
  qty integer,
  note text,
  amount numeric(14,2)
);
-- rows
INSERT INTO orders (title, qty, amount) SELECT 'o' || g, g, g / 3.0 FROM generate_series(1, 2500) g;
