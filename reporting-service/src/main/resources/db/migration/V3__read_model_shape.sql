-- Which shape of the read models (ReadModel.SHAPE) the live schema was built with. A service that finds an older
-- shape rebuilds the read models from the topics at start, before it consumes anything (ReadModelUpgrade).
ALTER TABLE projection_state ADD COLUMN shape int NOT NULL DEFAULT 1;

-- A database whose first read models were never created needs no rebuild: it starts with the current shape.
UPDATE projection_state SET schema = 'rm_v2', shape = 2
WHERE name = 'live' AND schema = 'rm_v1'
  AND NOT EXISTS (SELECT 1 FROM information_schema.schemata WHERE schema_name = 'rm_v1');
