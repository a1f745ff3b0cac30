-- scenario: the primary key moves to another column
-- from
CREATE TABLE items (
  id integer NOT NULL,
  sku text NOT NULL,
  CONSTRAINT items_pkey PRIMARY KEY (id)
);
-- to
CREATE TABLE items (
  id integer NOT NULL,
  sku text NOT NULL,
  CONSTRAINT items_pkey PRIMARY KEY (sku)
);
-- rows
INSERT INTO items SELECT g, 'sku-' || g FROM generate_series(1, 2500) g;
