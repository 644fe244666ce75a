-- 0010_run_status for PostgreSQL: the same columns as ../0010_run_status.sql. A running run also
-- holds a session advisory lock (khabar's run lock class, its id), which the server releases
-- when the process's connection ends: a run whose lock is free was killed.
ALTER TABLE ingest_runs ADD COLUMN status TEXT NOT NULL DEFAULT 'running';
ALTER TABLE ingest_runs ADD COLUMN pid INTEGER;
ALTER TABLE ingest_runs ADD COLUMN host TEXT;
ALTER TABLE ingest_runs ADD COLUMN error TEXT;
UPDATE ingest_runs SET status = CASE WHEN finished_at IS NULL THEN 'interrupted' ELSE 'finished' END;
