-- scenario: row-level security turned on and forced, with a tenant policy
-- from
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id bigint NOT NULL,
  title text NOT NULL
);
-- to
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id bigint NOT NULL,
  title text NOT NULL
);
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders FORCE ROW LEVEL SECURITY;
CREATE POLICY orders_tenant ON orders USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint);
-- rows
INSERT INTO orders (tenant_id, title) SELECT g % 3, 'o' || g FROM generate_series(1, 2500) g;
