-- scenario: a tenant column (NOT NULL, FK, index) on an existing table
-- from
CREATE TABLE tenants (
  id bigint PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL,
  qty integer,
  note text
);
-- to
CREATE TABLE tenants (
  id bigint PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL,
  qty integer,
  note text,
  tenant_id bigint NOT NULL DEFAULT 1,
  CONSTRAINT orders_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);
CREATE INDEX orders_tenant_id_idx ON orders (tenant_id);
-- rows
INSERT INTO tenants VALUES (1, 'one');
INSERT INTO orders (title, qty, note) SELECT 'order ' || g, g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'n' || g END FROM generate_series(1, 2500) g;
