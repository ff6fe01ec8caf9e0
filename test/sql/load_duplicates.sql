-- Duplicate users are found by sorting a hash of (account, cadence, period,
-- user) and confirmed by reading the records with a repeated hash again and
-- comparing their exact keys, so a hash collision never rejects a good
-- record.  The developer setting uanalytics.key_hash_bits keeps 2 bits of
-- the hash here: every user of a file shares one of 4 hash values with
-- about a quarter of the others, and only the exact check tells them apart.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;
SET uanalytics.key_hash_bits = 2;

-- users 1 to 40 (lines 2 to 41), then users 3, 7, 11, 15 and 19 again
-- (lines 42 to 46), then a pending user (no public_id) whose email differs
-- only in case from user 5's (line 47: not a repeat, the public_id is the
-- key), and a second pending one with the first's email in other case
-- (line 49: a repeat of line 48, pending users are keyed by lower(email))
CREATE FUNCTION pg_temp.export(repeats boolean) RETURNS bytea LANGUAGE sql AS $$
	SELECT convert_to(
		'cadence,period_start,period_end,account_id,public_id,email,messages' || E'\n' ||
		(SELECT string_agg(format('Weekly,2025-10-19,2025-10-25,acc1,user-%s,u%s@example.com,%s', i, i, i), E'\n')
		 FROM generate_series(1, 40) i) || E'\n' ||
		CASE WHEN repeats THEN
			(SELECT string_agg(format('Weekly,2025-10-19,2025-10-25,acc1,user-%s,again%s@example.com,1', i, i), E'\n')
			 FROM unnest(ARRAY[3, 7, 11, 15, 19]) i) || E'\n' ||
			'Weekly,2025-10-19,2025-10-25,acc1,,U5@Example.com,0' || E'\n' ||
			'Weekly,2025-10-19,2025-10-25,acc1,,pending@example.com,0' || E'\n' ||
			'Weekly,2025-10-19,2025-10-25,acc1,,Pending@Example.COM,0' || E'\n'
		ELSE '' END, 'UTF8')
$$;

-- 40 distinct users, all colliding in 4 hashes: all load
SELECT rows_read, rows_loaded, rows_rejected, status FROM uanalytics.load_data(pg_temp.export(false), 'distinct.csv');
SELECT count(*) AS users, count(DISTINCT public_id) AS distinct_users, sum(messages) AS messages
FROM uanalytics.user_engagement;

-- with the repeats, on_error => 'abort': the first repeat is the error
SELECT * FROM uanalytics.load_data(pg_temp.export(true), 'repeats.csv');

-- on_error => 'skip': the six repeats are rejected where they stand and
-- the 42 others load (replacing distinct.csv's period).  The second
-- reading, without the repeats, still meets the colliding hashes of
-- distinct users, and must keep the repeats it knows.
SELECT rows_read, rows_loaded, rows_replaced, rows_rejected, status
FROM uanalytics.load_data(pg_temp.export(true), 'repeats.csv', 'skip');
SELECT line_number, column_name, message FROM uanalytics.load_errors ORDER BY line_number;
SELECT count(*) AS users, count(DISTINCT coalesce(public_id, lower(email))) AS distinct_users,
       sum(messages) AS messages, string_agg(email, ', ' ORDER BY email) FILTER (WHERE public_id IS NULL) AS pending
FROM uanalytics.user_engagement;

-- with the whole hash, the same file gives the same answer
RESET uanalytics.key_hash_bits;
SELECT rows_read, rows_loaded, rows_replaced, rows_rejected, status
FROM uanalytics.load_data(pg_temp.export(true) || '\x0a'::bytea, 'repeats again.csv', 'skip');
SELECT line_number, column_name, message FROM uanalytics.load_errors
WHERE load_id = (SELECT max(load_id) FROM uanalytics.loads) ORDER BY line_number;
