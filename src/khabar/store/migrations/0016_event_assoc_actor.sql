-- 0016: the party an event mention's sentence names as supporting the deed ("بدعم من طيران
-- التحالف", "backed by": ACLED's associated actor of the actor); actor id or text, NULL when
-- none is named or for mentions extracted before this column.
ALTER TABLE event_mentions ADD COLUMN assoc_actor TEXT;
