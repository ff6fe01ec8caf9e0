-- Records with megabytes of free text: the loader writes a batch once it
-- holds 1000 rows or 1 MB of values, whichever comes first, so that a file
-- of large records is not held in memory whole.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;

-- Bulk path (a plain table).  A CHECK constraint runs as each row is
-- buffered, and notes the backend's memory then: twelve descriptions of
-- over 3 MB each, every one a batch of its own, so the memory does not
-- grow with the rows, as it would were they held together.
-- The file is read from a large object, which is streamed, unlike bytes
-- passed to load_data.
CREATE TABLE memory_seen (bytes bigint);
CREATE FUNCTION note_memory() RETURNS boolean LANGUAGE plpgsql AS
$$BEGIN
	INSERT INTO memory_seen SELECT sum(total_bytes) FROM pg_backend_memory_contexts;
	RETURN true;
END$$;
ALTER TABLE uanalytics.gpt_engagement ADD CONSTRAINT note_memory CHECK (note_memory());
SELECT lo_from_bytea(0, convert_to(
	'cadence,period_start,period_end,account_id,gpt_id,gpt_description' || E'\n' ||
	(SELECT string_agg(format('Weekly,2025-06-01,2025-06-07,acc1,g-%s,"%s"', lpad(i::text, 2, '0'),
							  replace(repeat(i || ' big, "quoted" ', 200000), '"', '""')), E'\n')
	 FROM generate_series(1, 12) i) || E'\n', 'UTF8')) AS loid \gset
SELECT rows_loaded, status FROM uanalytics.load_lo(:loid, 'large.csv');
SELECT count(*) AS rows_seen, max(bytes) - min(bytes) < 8 * 1024 * 1024 AS memory_bounded
FROM memory_seen;
SELECT gpt_id, length(gpt_description),
	   gpt_description = repeat(ltrim(substr(gpt_id, 3), '0') || ' big, "quoted" ', 200000) AS stored_whole
FROM uanalytics.gpt_engagement ORDER BY gpt_id;
ALTER TABLE uanalytics.gpt_engagement DROP CONSTRAINT note_memory;
DROP FUNCTION note_memory();
DROP TABLE memory_seen;

-- Executor path (a table with a trigger).  A statement trigger sees each
-- batch as one INSERT: four rows of 300 kB (the fourth crosses 1 MB), then
-- one of 300 kB with one of 3 MB, then the small rows left at the end.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
CREATE TABLE batches (rows bigint, first_gpt text, last_gpt text);
CREATE FUNCTION note_batch() RETURNS trigger LANGUAGE plpgsql AS
$$BEGIN
	INSERT INTO batches SELECT count(*), min(gpt_id), max(gpt_id) FROM new_rows;
	RETURN NULL;
END$$;
CREATE TRIGGER note_batch AFTER INSERT ON uanalytics.gpt_engagement
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION note_batch();
CREATE TABLE sizes AS
SELECT format('g-%s', lpad(i::text, 2, '0')) AS gpt_id,
	   CASE WHEN i <= 5 THEN 30000 WHEN i = 6 THEN 300000 ELSE 1 END AS n
FROM generate_series(1, 16) i;
SELECT rows_loaded, status FROM uanalytics.load_data(convert_to(
	'cadence,period_start,period_end,account_id,gpt_id,gpt_description' || E'\n' ||
	(SELECT string_agg(format('Weekly,2025-06-01,2025-06-07,acc1,%s,"%s"', gpt_id, repeat('ten bytes,', n)), E'\n' ORDER BY gpt_id)
	 FROM sizes) || E'\n', 'UTF8'), 'large.csv');
SELECT * FROM batches ORDER BY first_gpt;
SELECT count(*) AS rows, count(*) FILTER (WHERE g.gpt_description = repeat('ten bytes,', s.n)) AS stored_whole
FROM uanalytics.gpt_engagement g JOIN sizes s USING (gpt_id);
DROP TRIGGER note_batch ON uanalytics.gpt_engagement;
DROP FUNCTION note_batch();
DROP TABLE batches, sizes;
