-- scenario: an enum value no row uses is removed (type rebuilt)
-- from
CREATE TYPE order_status AS ENUM ('new', 'paid', 'void');
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL,
  qty integer,
  note text,
  status order_status NOT NULL DEFAULT 'new'
);
-- to
CREATE TYPE order_status AS ENUM ('new', 'paid');
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL,
  qty integer,
  note text,
  status order_status NOT NULL DEFAULT 'new'
);
-- rows
INSERT INTO orders (title, qty, status) SELECT 'o' || g, g, (CASE WHEN g % 2 = 0 THEN 'new' ELSE 'paid' END)::order_status FROM generate_series(1, 2500) g;
