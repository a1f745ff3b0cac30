-- scenario: a plain table becomes range-partitioned (rebuilt beside, copied in batches, swapped)
-- from
CREATE TABLE events (
  id bigint NOT NULL,
  created date NOT NULL,
  title text NOT NULL,
  CONSTRAINT events_pkey PRIMARY KEY (id, created)
);
CREATE INDEX events_created_idx ON events (created);
-- to
CREATE TABLE events (
  id bigint NOT NULL,
  created date NOT NULL,
  title text NOT NULL,
  CONSTRAINT events_pkey PRIMARY KEY (id, created)
) PARTITION BY RANGE (created);
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE INDEX events_created_idx ON events (created);
-- rows
INSERT INTO events SELECT g, DATE '2025-01-01' + (g % 700), 'e' || g FROM generate_series(1, 2500) g;
