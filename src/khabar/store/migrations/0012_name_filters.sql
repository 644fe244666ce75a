-- 0012: stories filtered by actor id (/api/stories?actor=, `khabar stories --actor`) look up the
-- actor a recognised entity names (entity_mentions.ref); place ids are already indexed
-- (place_mentions_place), and so are actor mentions (actor_mentions_actor).
CREATE INDEX entity_mentions_ref ON entity_mentions(ref);
