-- The three ways in: a server file or directory (uanalytics.load), the
-- file's bytes (load_data), a large object (load_lo); and who may use them.
DROP EXTENSION uanalytics;
CREATE EXTENSION uanalytics;
SET datestyle = ISO;
\getenv abs_srcdir PG_ABS_SRCDIR
\set dir :abs_srcdir '/data/weekly_dir'

-- a directory: every *.csv file in name order, one result row per file
-- (archive.csv, a directory, is not one)
SELECT load_id, regexp_replace(source, '^.*/', '') AS source, kind, rows_read, rows_loaded, status
FROM uanalytics.load(:'dir');
-- again: every file is unchanged
SELECT load_id, regexp_replace(source, '^.*/', '') AS source, kind, rows_read, rows_loaded, status
FROM uanalytics.load(:'dir');
SELECT kind, cadence, period_start, row_count FROM uanalytics.periods ORDER BY kind, period_start;

-- bytes from a client
\set file :abs_srcdir '/data/users_monthly_seed.csv'
SELECT load_id, source, kind, rows_loaded, status
FROM uanalytics.load_data(pg_read_binary_file(:'file'), 'users_monthly_seed.csv');
SELECT source FROM uanalytics.load_data(pg_read_binary_file(:'file'));

-- a large object, as psql's \lo_import makes one; it is removed afterwards
\set file :abs_srcdir '/data/gpts_monthly_early2025.csv'
SELECT lo_import(:'file') AS loid \gset
SELECT load_id, source, kind, rows_loaded, status FROM uanalytics.load_lo(:loid, 'gpts.csv');
SELECT count(*) AS large_objects_left FROM pg_largeobject_metadata WHERE oid = :loid;
SELECT lo_import(:'file') AS loid \gset
SELECT source = 'large object ' || :loid AS default_source, status FROM uanalytics.load_lo(:loid);
SELECT count(*) AS large_objects_left FROM pg_largeobject_metadata WHERE oid = :loid;
SELECT * FROM uanalytics.load_lo(4000000000);

-- An input is hashed while it is parsed, or first when a stored load has
-- its size; either way the stored hash is that of its bytes.  Ana renamed
-- Ina has the size of the stored seed file but other bytes: loaded, not
-- taken for a repeat, and it replaces the seed's period.  The seed file's
-- bytes, from a large object, are hashed first and found: but renamed.csv
-- has replaced their period since, so they load again and restore it
-- (load_replacement has the rule); once more, they are unchanged.
\set file :abs_srcdir '/data/users_monthly_seed.csv'
SELECT convert_to(replace(convert_from(pg_read_binary_file(:'file'), 'UTF8'), 'Ana Ruiz', 'Ina Ruiz'), 'UTF8') AS renamed \gset
SELECT length(:'renamed'::bytea) = length(pg_read_binary_file(:'file')) AS same_size;
SELECT source, rows_loaded, rows_replaced, status FROM uanalytics.load_data(:'renamed'::bytea, 'renamed.csv');
SELECT name, period_start FROM uanalytics.user_engagement
WHERE email = 'ana.ruiz@example.com' AND cadence = 'Monthly' AND period_start = '2025-03-01';
SELECT lo_import(:'file') AS loid \gset
SELECT source, rows_loaded, status FROM uanalytics.load_lo(:loid, 'seed again.csv');
SELECT lo_import(:'file') AS loid \gset
SELECT source, rows_loaded, status FROM uanalytics.load_lo(:loid, 'seed once more.csv');
SELECT source, bytes, sha256 = sha256(CASE WHEN source = 'renamed.csv' THEN :'renamed'::bytea
                                           ELSE pg_read_binary_file(:'file') END) AS sha256_matches
FROM uanalytics.loads WHERE source IN ('users_monthly_seed.csv', 'renamed.csv') ORDER BY load_id;

-- paths
SELECT * FROM uanalytics.load('relative/path.csv');
SELECT * FROM uanalytics.load('/nonexistent/uanalytics/file.csv');
SELECT * FROM uanalytics.load('/dev/null');
SELECT * FROM uanalytics.load(NULL);
SELECT * FROM uanalytics.load('/tmp/export.csv', kind => NULL);

-- privileges: nothing is granted to PUBLIC
CREATE ROLE ua_test_analyst;
CREATE ROLE ua_test_loader;
SET ROLE ua_test_analyst;
SELECT * FROM uanalytics.load('/tmp/export.csv');
SELECT count(*) FROM uanalytics.user_engagement;
RESET ROLE;

-- a loader role as doc/privileges.md grants it can send bytes, not read
-- server files
GRANT USAGE ON SCHEMA uanalytics TO ua_test_loader;
GRANT EXECUTE ON FUNCTION uanalytics.load(text, text, text, boolean), uanalytics.load_data(bytea, text, text, text, boolean),
      uanalytics.load_lo(oid, text, text, text, boolean) TO ua_test_loader;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA uanalytics TO ua_test_loader;
SELECT pg_read_binary_file(:'abs_srcdir' || '/data/users_weekly_late2025.csv') AS bytes \gset
SET ROLE ua_test_loader;
SELECT * FROM uanalytics.load(:'dir');
SELECT kind, rows_loaded, rows_replaced, status FROM uanalytics.load_data(:'bytes'::bytea || '\x0a'::bytea, 'weekly.csv');
RESET ROLE;
-- a large object someone else imported: refused before reading, as
-- load_lo removes what it loaded
SELECT lo_import(:'abs_srcdir' || '/data/users_weekly_late2025.csv', 424242) AS loid \gset
GRANT SELECT ON LARGE OBJECT :loid TO ua_test_loader;
SET ROLE ua_test_loader;
SELECT * FROM uanalytics.load_lo(:loid, 'not mine.csv');
RESET ROLE;
SELECT lo_unlink(:loid);
-- the bulk path checks INSERT on the table itself
REVOKE INSERT ON uanalytics.user_engagement FROM ua_test_loader;
SET ROLE ua_test_loader;
SELECT kind, rows_loaded, status FROM uanalytics.load_data(:'bytes'::bytea || '\x0a0a'::bytea, 'weekly.csv');
RESET ROLE;
-- pg_read_server_files opens uanalytics.load
GRANT INSERT ON uanalytics.user_engagement TO ua_test_loader;
GRANT pg_read_server_files TO ua_test_loader;
SET ROLE ua_test_loader;
-- (the user report's week was replaced by weekly.csv since, but a
-- directory's files loaded before stay unchanged: see load_replacement)
SELECT regexp_replace(source, '^.*/', '') AS source, status FROM uanalytics.load(:'dir');
RESET ROLE;
SELECT loaded_by, count(*) FROM uanalytics.loads GROUP BY 1 ORDER BY 1;

DROP OWNED BY ua_test_analyst, ua_test_loader;
DROP ROLE ua_test_analyst, ua_test_loader;
