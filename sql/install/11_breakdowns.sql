-- uanalytics install script, part 11: breakdowns by SCIM group and by
-- department, the setting that suppresses small groups in them, and the
-- licences to reclaim.

-- Settings only the extension's owner changes.  A table rather than a GUC:
-- any role can SET a GUC for its own session, and a viewer must not be able
-- to lower the threshold that protects small groups.
CREATE TABLE uanalytics.settings (
	name text PRIMARY KEY CHECK (name IN ('min_group_size')),
	value text NOT NULL,
	CHECK (name <> 'min_group_size' OR CASE WHEN value ~ '^[0-9]{1,6}$' THEN value::integer >= 1 ELSE false END)
);
INSERT INTO uanalytics.settings (name, value) VALUES ('min_group_size', '5');

COMMENT ON TABLE uanalytics.settings IS 'Settings of the extension, changed only by its owner (a trigger refuses every other role, whatever it was granted).  min_group_size (default 5): breakdown rows (group_activity, department_activity) of fewer members show NULL metrics and suppressed = true.';
COMMENT ON COLUMN uanalytics.settings.name IS 'The setting: min_group_size.';
COMMENT ON COLUMN uanalytics.settings.value IS 'Its value as text; min_group_size is a whole number of at least 1.';

-- Checks every statement that would change settings: only the owner (or a
-- member of the owner's role, or a superuser) may.  Privileges alone would
-- not do: doc/privileges.md's loader role is granted write access to every
-- table of the schema.
CREATE FUNCTION uanalytics.settings_owner_only()
	RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	IF NOT pg_catalog.pg_has_role(CURRENT_USER,
			(SELECT c.relowner FROM pg_catalog.pg_class AS c WHERE c.oid = TG_RELID), 'USAGE') THEN
		RAISE EXCEPTION 'permission denied to change uanalytics settings'
			USING ERRCODE = 'insufficient_privilege',
				  DETAIL = 'Only the owner of the extension uanalytics may change its settings.';
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION uanalytics.settings_owner_only() IS 'Trigger of uanalytics.settings: refuses any change by a role other than the extension''s owner.';

-- pg_dump dumps the settings and the pseudonym key (config tables), and a
-- restore inserts them after CREATE EXTENSION has made its own: an insert of
-- a row whose key is there replaces that row's value instead.
CREATE FUNCTION uanalytics.replace_existing_row()
	RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	IF TG_TABLE_NAME = 'settings' THEN
		UPDATE uanalytics.settings AS s SET value = NEW.value WHERE s.name = NEW.name;
	ELSE
		UPDATE uanalytics.pseudonym_key AS k SET key = NEW.key, made_at = NEW.made_at
		WHERE k.only_row = NEW.only_row;
	END IF;
	IF FOUND THEN
		RETURN NULL;
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION uanalytics.replace_existing_row() IS 'Trigger of uanalytics.settings and uanalytics.pseudonym_key: an INSERT of a row already there updates it, so that a restored dump keeps the dumped settings and key rather than those CREATE EXTENSION made.';

CREATE TRIGGER settings_owner_only BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON uanalytics.settings
	FOR EACH STATEMENT EXECUTE FUNCTION uanalytics.settings_owner_only();
CREATE TRIGGER settings_replace_existing_row BEFORE INSERT ON uanalytics.settings
	FOR EACH ROW EXECUTE FUNCTION uanalytics.replace_existing_row();

SELECT pg_catalog.pg_extension_config_dump('uanalytics.settings', '');

-- ---- breakdowns ----

-- jsonb_each_text and unnest under names of their own, which tell the
-- planner that a user holds a couple of groups or departments, not the 100
-- or 10 rows it assumes of any set-returning function: with those, it
-- expected millions of rows from one period, sorted them instead of
-- hashing, and spent longer compiling the query (JIT) than running it
-- (doc/benchmarks.md#breakdowns).  The same C functions as PostgreSQL's
-- own, as citext declares some of its functions.
CREATE FUNCTION uanalytics.group_entries(groups jsonb)
	RETURNS TABLE (group_id text, group_name text)
	LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE ROWS 2
	AS 'jsonb_each_text';
COMMENT ON FUNCTION uanalytics.group_entries(jsonb) IS 'The (group_id, group_name) pairs of a groups object: jsonb_each_text, with a row estimate that suits groups.';

CREATE FUNCTION uanalytics.department_entries(department text[])
	RETURNS SETOF text
	LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE ROWS 2
	AS 'array_unnest';
COMMENT ON FUNCTION uanalytics.department_entries(text[]) IS 'The elements of a department array: unnest, with a row estimate that suits departments.';

-- A period is (account_id, cadence, period_start, period_end): Date Range
-- exports with one start and two ends are two periods.  Each stored user
-- period (uanalytics.periods, the loaders' catalog) is aggregated on its
-- own, its rows read through the period index with equality on every key:
-- a filter on period_start, a range of them included, then selects periods
-- before any user row is read, where a range over the user rows themselves
-- was read by a scan of the whole table
-- (doc/benchmarks.md#breakdowns).  The threshold is read in the view, with
-- the view owner's rights; members stays visible, the metrics of a smaller
-- group do not.
CREATE VIEW uanalytics.group_activity AS
SELECT p.account_id, p.cadence, p.period_start, p.period_end, p.is_partial,
	g.group_id, g.group_name, g.members,
	CASE WHEN g.members >= t.min_group_size THEN g.active_users END AS active_users,
	CASE WHEN g.members >= t.min_group_size THEN g.messages END AS messages,
	CASE WHEN g.members >= t.min_group_size THEN g.gpt_messages END AS gpt_messages,
	CASE WHEN g.members >= t.min_group_size THEN g.tool_messages END AS tool_messages,
	g.members < t.min_group_size AS suppressed
FROM uanalytics.periods AS p
CROSS JOIN LATERAL (
	SELECT e.group_id, max(e.group_name) AS group_name,
		count(*) AS members,
		-- a user has one row per period (the loader refuses a second), and
		-- pending users no is_active
		count(*) FILTER (WHERE u.is_active) AS active_users,
		sum(u.messages)::bigint AS messages,
		sum(u.gpt_messages)::bigint AS gpt_messages,
		sum(u.tool_messages)::bigint AS tool_messages
	FROM uanalytics.user_engagement AS u
	CROSS JOIN LATERAL uanalytics.group_entries(u.groups) AS e
	WHERE (u.account_id, u.cadence, u.period_start, u.period_end) = (p.account_id, p.cadence, p.period_start, p.period_end)
	GROUP BY e.group_id
) AS g
CROSS JOIN (
	SELECT coalesce(max(s.value)::integer, 5) AS min_group_size
	FROM uanalytics.settings AS s WHERE s.name = 'min_group_size'
) AS t
WHERE p.kind = 'users';

COMMENT ON VIEW uanalytics.group_activity IS 'Usage per SCIM group (the groups column of the User Engagement export): one row per account, cadence, period (partial ones included) and group.  Rows of groups with fewer members than settings.min_group_size show members only: their metrics are NULL and suppressed is true.';
COMMENT ON COLUMN uanalytics.group_activity.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.group_activity.cadence IS 'Weekly, Monthly or Date Range.';
COMMENT ON COLUMN uanalytics.group_activity.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.group_activity.period_end IS 'Last day of the period (for a partial period as exported: the period''s last day, or in 2026 exports its latest day with data).';
COMMENT ON COLUMN uanalytics.group_activity.is_partial IS 'True for the current, incomplete period of a partial export.';
COMMENT ON COLUMN uanalytics.group_activity.group_id IS 'SCIM group id (a key of the groups column).';
COMMENT ON COLUMN uanalytics.group_activity.group_name IS 'The group''s name in this period; where a group was renamed within the period''s rows, the greatest of its names.';
COMMENT ON COLUMN uanalytics.group_activity.members IS 'Rows of the period holding the group, whatever the user''s status.  Shown for suppressed groups too.';
COMMENT ON COLUMN uanalytics.group_activity.active_users IS 'Members who sent a message in the period; NULL when suppressed.';
COMMENT ON COLUMN uanalytics.group_activity.messages IS 'Members'' messages in the period; NULL when suppressed or when no member has a value.';
COMMENT ON COLUMN uanalytics.group_activity.gpt_messages IS 'Members'' messages to custom GPTs; NULL when suppressed or when no member has a value.';
COMMENT ON COLUMN uanalytics.group_activity.tool_messages IS 'Members'' tool-invoking messages; NULL when suppressed or when no member has a value.';
COMMENT ON COLUMN uanalytics.group_activity.suppressed IS 'True when members is below settings.min_group_size: the metrics are hidden so that they cannot describe one or two people.';

CREATE VIEW uanalytics.department_activity AS
SELECT p.account_id, p.cadence, p.period_start, p.period_end, p.is_partial,
	d.department, d.members,
	CASE WHEN d.members >= t.min_group_size THEN d.active_users END AS active_users,
	CASE WHEN d.members >= t.min_group_size THEN d.messages END AS messages,
	CASE WHEN d.members >= t.min_group_size THEN d.gpt_messages END AS gpt_messages,
	CASE WHEN d.members >= t.min_group_size THEN d.tool_messages END AS tool_messages,
	d.members < t.min_group_size AS suppressed
FROM uanalytics.periods AS p
CROSS JOIN LATERAL (
	SELECT e.department,
		count(*) AS members,
		count(*) FILTER (WHERE u.is_active) AS active_users,
		sum(u.messages)::bigint AS messages,
		sum(u.gpt_messages)::bigint AS gpt_messages,
		sum(u.tool_messages)::bigint AS tool_messages
	FROM uanalytics.user_engagement AS u
	-- a row without departments once under NULL; each department of a row
	-- once, however often the user typed it
	CROSS JOIN LATERAL uanalytics.department_entries(CASE WHEN pg_catalog.cardinality(u.department) > 0 THEN u.department
													  ELSE '{NULL}'::text[] END) WITH ORDINALITY AS e(department, n)
	WHERE (u.account_id, u.cadence, u.period_start, u.period_end) = (p.account_id, p.cadence, p.period_start, p.period_end)
	  AND (e.n = 1 OR e.department <> ALL (u.department[1:e.n - 1]))
	GROUP BY e.department
) AS d
CROSS JOIN (
	SELECT coalesce(max(s.value)::integer, 5) AS min_group_size
	FROM uanalytics.settings AS s WHERE s.name = 'min_group_size'
) AS t
WHERE p.kind = 'users';

COMMENT ON VIEW uanalytics.department_activity IS 'Usage per department as exported (the department array, entered by users): one row per account, cadence, period (partial ones included) and department.  A user with two departments counts in both; users with none (pending users among them) under department NULL.  Rows of departments with fewer members than settings.min_group_size show members only: their metrics are NULL and suppressed is true.';
COMMENT ON COLUMN uanalytics.department_activity.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.department_activity.cadence IS 'Weekly, Monthly or Date Range.';
COMMENT ON COLUMN uanalytics.department_activity.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.department_activity.period_end IS 'Last day of the period (for a partial period as exported: the period''s last day, or in 2026 exports its latest day with data).';
COMMENT ON COLUMN uanalytics.department_activity.is_partial IS 'True for the current, incomplete period of a partial export.';
COMMENT ON COLUMN uanalytics.department_activity.department IS 'One element of the department array, as exported (free text entered by users); NULL for users with none.';
COMMENT ON COLUMN uanalytics.department_activity.members IS 'Rows of the period holding the department (or none, for NULL), whatever the user''s status.  Shown for suppressed departments too.';
COMMENT ON COLUMN uanalytics.department_activity.active_users IS 'Members who sent a message in the period; NULL when suppressed.';
COMMENT ON COLUMN uanalytics.department_activity.messages IS 'Members'' messages in the period; NULL when suppressed or when no member has a value.';
COMMENT ON COLUMN uanalytics.department_activity.gpt_messages IS 'Members'' messages to custom GPTs; NULL when suppressed or when no member has a value.';
COMMENT ON COLUMN uanalytics.department_activity.tool_messages IS 'Members'' tool-invoking messages; NULL when suppressed or when no member has a value.';
COMMENT ON COLUMN uanalytics.department_activity.suppressed IS 'True when members is below settings.min_group_size: the metrics are hidden so that they cannot describe one or two people.';

-- ---- licences to reclaim ----

CREATE FUNCTION uanalytics.reclaim_candidates(as_of date DEFAULT CURRENT_DATE, inactive_days integer DEFAULT 30,
											  grace_days integer DEFAULT 30)
	RETURNS TABLE (
		account_id text,
		public_id text,
		email text,
		name text,
		department text[],
		seat_type text,
		created_or_invited_date date,
		last_day_active date,
		days_inactive integer,
		reason text)
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	IF inactive_days < 0 OR grace_days < 0 THEN
		RAISE EXCEPTION 'inactive_days and grace_days must not be negative'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	RETURN QUERY
	WITH snapshot AS (
		-- each account's freshest stored user period starting by as_of,
		-- partial included; of two starting the same day, the longer
		SELECT DISTINCT ON (p.account_id) p.account_id, p.cadence, p.period_start, p.period_end
		FROM uanalytics.periods AS p
		WHERE p.kind = 'users' AND p.period_start <= reclaim_candidates.as_of
		ORDER BY p.account_id, p.period_start DESC, p.period_end DESC, p.cadence
	)
	SELECT u.account_id, u.public_id, u.email, u.name, u.department, u.seat_type,
		u.created_or_invited_date, u.last_day_active,
		reclaim_candidates.as_of - u.last_day_active,
		CASE WHEN u.last_day_active IS NULL THEN 'never used' ELSE 'dormant' END
	FROM snapshot AS s
	JOIN uanalytics.user_engagement AS u
		ON (u.account_id, u.cadence, u.period_start, u.period_end)
		 = (s.account_id, s.cadence, s.period_start, s.period_end)
	WHERE u.user_status = 'enabled'
	  AND u.created_or_invited_date <= reclaim_candidates.as_of - reclaim_candidates.grace_days
	  AND (u.last_day_active IS NULL OR u.last_day_active < reclaim_candidates.as_of - reclaim_candidates.inactive_days)
	ORDER BY u.account_id, u.last_day_active NULLS FIRST, u.created_or_invited_date, u.email;
END
$$;
REVOKE ALL ON FUNCTION uanalytics.reclaim_candidates(date, integer, integer) FROM PUBLIC;

COMMENT ON FUNCTION uanalytics.reclaim_candidates(date, integer, integer) IS 'Licences to review for reclamation: from each account''s snapshot (the stored user period with the greatest period_start on or before as_of, partial included; of two, the one with the greatest period_end), the users enabled there who never sent a message (reason never used) or whose last message is older than inactive_days (reason dormant), invited or created at least grace_days before as_of.  Users without a created_or_invited_date are left out.  Names people: not granted to viewers.';
