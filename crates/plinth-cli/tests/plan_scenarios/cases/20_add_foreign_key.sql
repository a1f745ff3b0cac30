-- scenario: a foreign key: NOT VALID then VALIDATE
-- from
CREATE TABLE customers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL,
  qty integer,
  note text,
  customer_id bigint
);
-- to
CREATE TABLE customers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL,
  qty integer,
  note text,
  customer_id bigint,
  CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id)
);
-- rows
INSERT INTO customers (name) SELECT 'c' || g FROM generate_series(1, 10) g;
INSERT INTO orders (title, qty, customer_id) SELECT 'o' || g, g, g % 10 + 1 FROM generate_series(1, 2500) g;
