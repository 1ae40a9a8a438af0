-- The migrations bookkeeping table, created by warehouse/migrate.py before it applies the first
-- migration (it must exist to record migration 0001). Idempotent.
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE schema_migrations IS 'Schema migrations applied to this file (warehouse/migrations/NNNN_name.sql); the highest version is the schema the file has.';
COMMENT ON COLUMN schema_migrations.version IS 'The migration number (NNNN of its file name).';
COMMENT ON COLUMN schema_migrations.name IS 'The rest of its file name, e.g. baseline.';
COMMENT ON COLUMN schema_migrations.applied_at IS 'When it was applied (UTC).';
