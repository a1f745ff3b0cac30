-- scenario: a required column on a table without a key: ctid batches
-- from
CREATE TABLE events (
  kind text NOT NULL,
  payload text
);
-- to
CREATE TABLE events (
  kind text NOT NULL,
  payload text,
  seen boolean NOT NULL
);
-- rows
INSERT INTO events SELECT 'k' || (g % 5), 'p' || g FROM generate_series(1, 2500) g;
