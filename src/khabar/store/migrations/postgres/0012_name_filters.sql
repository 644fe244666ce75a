-- 0012_name_filters for PostgreSQL: the same index as ../0012_name_filters.sql.
CREATE INDEX entity_mentions_ref ON entity_mentions(ref);
