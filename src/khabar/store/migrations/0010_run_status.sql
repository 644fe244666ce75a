-- 0010: an ingest run says how it ended: running, finished, failed (with its error) or
-- interrupted (Ctrl-C, or a process that was killed: the next run or `khabar stats` sees that
-- its process is gone). pid and host name the process that runs it. Runs that never finished
-- before this migration are interrupted.
ALTER TABLE ingest_runs ADD COLUMN status TEXT NOT NULL DEFAULT 'running';
ALTER TABLE ingest_runs ADD COLUMN pid INTEGER;
ALTER TABLE ingest_runs ADD COLUMN host TEXT;
ALTER TABLE ingest_runs ADD COLUMN error TEXT;
UPDATE ingest_runs SET status = CASE WHEN finished_at IS NULL THEN 'interrupted' ELSE 'finished' END;
