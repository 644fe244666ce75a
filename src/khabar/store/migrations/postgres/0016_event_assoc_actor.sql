-- 0016_event_assoc_actor for PostgreSQL: the same column as ../0016_event_assoc_actor.sql.
ALTER TABLE event_mentions ADD COLUMN assoc_actor TEXT;
