-- Writes doc/reference.md from the catalog: every table, view, column, type,
-- function and aggregate of schema uanalytics with its COMMENT, so the
-- manual cannot drift from what BI tools show.  Run by `make doc`; the test
-- suite (test/t/doc_reference.sh) fails when doc/reference.md is stale or an
-- object has no COMMENT.
\pset format unaligned
\pset tuples_only on
\pset footer off

SELECT '# Reference

Generated from the COMMENTs of the extension''s objects by `make doc`
(tools/reference.sql); do not edit by hand.  Everything lives in schema
`uanalytics`.
';

WITH rels AS (
	SELECT c.oid, c.relname, c.relkind
	FROM pg_catalog.pg_class c
	JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
	JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'uanalytics'
	WHERE c.relkind IN ('r', 'v', 'p', 'm', 'f')
)
SELECT format(E'## %s %s\n\n%s\n\n| column | type | description |\n| --- | --- | --- |\n%s\n',
			  CASE r.relkind WHEN 'v' THEN 'View' WHEN 'm' THEN 'Materialized view' WHEN 'f' THEN 'Foreign table' ELSE 'Table' END,
			  r.relname,
			  coalesce(pg_catalog.obj_description(r.oid, 'pg_class'), '(no comment)'),
			  (SELECT string_agg(format('| %s | %s | %s |', a.attname,
										 pg_catalog.format_type(a.atttypid, a.atttypmod),
										 replace(coalesce(pg_catalog.col_description(r.oid, a.attnum), '(no comment)'), '|', '\|')),
								 E'\n' ORDER BY a.attnum)
			   FROM pg_catalog.pg_attribute a
			   WHERE a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped))
FROM rels r
ORDER BY r.relkind <> 'r', r.relname;

SELECT format(E'## Type %s\n\n%s\n', t.typname, coalesce(pg_catalog.obj_description(t.oid, 'pg_type'), '(no comment)'))
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e'
JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'uanalytics'
-- not the row types of tables and views, documented with them, nor array
-- types (PostgreSQL 17 made those members of the extension too)
WHERE (t.typrelid = 0 OR (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid) = 'c')
  AND NOT EXISTS (SELECT FROM pg_catalog.pg_type el WHERE el.typarray = t.oid)
ORDER BY t.typname;

SELECT format(E'## %s %s(%s) → %s\n\n%s\n',
			  CASE p.prokind WHEN 'a' THEN 'Aggregate' ELSE 'Function' END,
			  p.proname, pg_catalog.pg_get_function_arguments(p.oid), pg_catalog.pg_get_function_result(p.oid),
			  coalesce(pg_catalog.obj_description(p.oid, 'pg_proc'), '(no comment)'))
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'uanalytics'
ORDER BY p.prokind <> 'a', p.proname, pg_catalog.pg_get_function_arguments(p.oid);
