-- uanalytics install script, part 20: pseudonymised per-user data and the
-- analytics viewer.  Last of the parts, so that the viewer can name every
-- view.

-- ---- pseudonyms ----

-- The key of the pseudonyms: one row, made here (and by the upgrade from
-- 0.1.0, by the same statement), kept by pg_dump, never remade by a load.
-- Row-level security without a policy: only the owner (and superusers)
-- read it, even a role that was granted SELECT on every table of the
-- schema.
CREATE TABLE uanalytics.pseudonym_key (
	only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
	key bytea NOT NULL CHECK (pg_catalog.length(key) >= 32),
	made_at timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp()
);
ALTER TABLE uanalytics.pseudonym_key ENABLE ROW LEVEL SECURITY;
-- 256 bits from the server's strong random source (gen_random_uuid draws
-- 122 random bits a call from it)
INSERT INTO uanalytics.pseudonym_key (key)
SELECT pg_catalog.sha256(pg_catalog.uuid_send(pg_catalog.gen_random_uuid())
	|| pg_catalog.uuid_send(pg_catalog.gen_random_uuid()) || pg_catalog.uuid_send(pg_catalog.gen_random_uuid()));
CREATE TRIGGER pseudonym_key_replace_existing_row BEFORE INSERT ON uanalytics.pseudonym_key
	FOR EACH ROW EXECUTE FUNCTION uanalytics.replace_existing_row();
SELECT pg_catalog.pg_extension_config_dump('uanalytics.pseudonym_key', '');

COMMENT ON TABLE uanalytics.pseudonym_key IS 'The secret key of users_pseudonymous.user_key, made at install, readable only by the extension''s owner (row-level security without a policy hides it from every other role, whatever it was granted).  Kept by pg_dump; replacing it changes every pseudonym.';
COMMENT ON COLUMN uanalytics.pseudonym_key.only_row IS 'Always true: the table holds one key.';
COMMENT ON COLUMN uanalytics.pseudonym_key.key IS 'The HMAC-SHA256 key (32 random bytes).';
COMMENT ON COLUMN uanalytics.pseudonym_key.made_at IS 'When the key was made.';

CREATE FUNCTION uanalytics.keyed_hash(value text, key bytea)
	RETURNS text
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
	AS 'MODULE_PATHNAME', 'uanalytics_keyed_hash';
COMMENT ON FUNCTION uanalytics.keyed_hash(text, bytea) IS 'HMAC-SHA256 of value under key, as 64 hex digits: the pseudonyms of users_pseudonymous.  Without the key a pseudonym cannot be recomputed from a public_id.';

CREATE VIEW uanalytics.users_pseudonymous AS
SELECT u.account_id, u.cadence, u.period_start, u.period_end, u.is_partial,
	uanalytics.keyed_hash(u.public_id, k.key) AS user_key,
	u.role, u.user_role, u.user_status, u.department,
	u.is_active, u.messages, u.gpt_messages, u.tool_messages, u.messages_rank, u.last_day_active,
	u.messages_prior, u.messages_pct_change,
	u.gpts_messaged, u.tools_messaged, u.project_messages, u.projects_messaged,
	u.seat_type, u.credits_used
FROM uanalytics.users AS u
CROSS JOIN uanalytics.pseudonym_key AS k;

COMMENT ON VIEW uanalytics.users_pseudonymous IS 'The users view without name, email and public_id: user_key, a keyed hash of public_id, follows a user across periods and loads.  Pseudonymised, still personal data (doc/privacy.md): not granted by grant_viewer.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.cadence IS 'Weekly, Monthly or Date Range.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.period_end IS 'Last day of the period (for a partial period as exported: the period''s last day, or in 2026 exports its latest day with data).';
COMMENT ON COLUMN uanalytics.users_pseudonymous.is_partial IS 'True for the current, incomplete period of a partial export.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.user_key IS 'HMAC-SHA256 of public_id under pseudonym_key, 64 hex digits: the same user has the same key in every period and after reloads and upgrades; NULL for pending users.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.role IS 'User-entered job role (executive, director, manager, team_member, ...).';
COMMENT ON COLUMN uanalytics.users_pseudonymous.user_role IS 'Workspace role: owner, admin or user.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.user_status IS 'enabled, deleted or pending, as of period end.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.department IS 'User-entered departments (a text array).';
COMMENT ON COLUMN uanalytics.users_pseudonymous.is_active IS 'True when the user sent at least one message in the period; NULL for pending users.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.messages IS 'User-initiated messages in the period; NULL for pending users.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.gpt_messages IS 'Messages to custom GPTs; NULL when the export has no GPT columns.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.tool_messages IS 'Tool-invoking messages; not part of messages, and can exceed it.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.messages_rank IS 'RANK() among the period''s active users by messages (ties share a rank); NULL for inactive users.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.last_day_active IS 'Last day with a message in this or any earlier period.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.messages_prior IS 'The same user''s messages in the prior period (see prior_periods); NULL when the user is not in it or there is none.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.messages_pct_change IS 'Percent change of messages from messages_prior, one decimal (pct_change).';
COMMENT ON COLUMN uanalytics.users_pseudonymous.gpts_messaged IS 'Distinct custom GPTs the user messaged in the period; NULL for pending users, in partial periods and where the export has no value.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.tools_messaged IS 'Distinct tools the user used in the period; NULL for pending users, in partial periods and where the export has no value.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.project_messages IS 'Messages in projects in the period; NULL for pending users and in exports without the column.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.projects_messaged IS 'Distinct projects the user messaged in during the period; NULL for pending users, in partial periods and in exports without the column.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.seat_type IS 'The seat the user held when the export was made: ChatGPT, Codex or Automation (2026 exports of eligible workspaces); NULL where the export has none.';
COMMENT ON COLUMN uanalytics.users_pseudonymous.credits_used IS 'Credits the user used in the period (exports since mid-2026); NULL where the export has none.';

-- ---- the analytics viewer ----

-- SECURITY DEFINER: overview_between counts each user once over a range,
-- which needs the public_ids of user_engagement; a viewer, who may read no
-- public_id, calls it and gets the counts.  Its search_path is fixed
-- (pg_catalog first, pg_temp last, where PostgreSQL never looks for
-- functions or operators) and every table in it is schema-qualified, so a
-- caller's objects are never run with the owner's rights.  Not for PUBLIC:
-- grant_viewer, or a GRANT EXECUTE, gives it.
ALTER FUNCTION uanalytics.overview_between(date, date, boolean) SECURITY DEFINER;
REVOKE ALL ON FUNCTION uanalytics.overview_between(date, date, boolean) FROM PUBLIC;

CREATE FUNCTION uanalytics.grant_viewer(role regrole)
	RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	-- What a viewer reads: the aggregate views, none of which holds a name,
	-- email or public_id.
	viewer_views constant text[] := ARRAY[
		'overview', 'users_summary', 'gpts_summary', 'projects_summary', 'seat_types',
		'date_ranges', 'adoption', 'cohort_retention', 'group_activity', 'department_activity'];
	viewer_functions constant text[] := ARRAY[
		'uanalytics.overview_between(date, date, boolean)', 'uanalytics.cohort_counts()'];
	owner oid := (SELECT e.extowner FROM pg_catalog.pg_extension AS e WHERE e.extname = 'uanalytics');
	v text;
BEGIN
	-- GRANT by a role without the privilege only warns: refuse instead
	IF NOT pg_catalog.pg_has_role(CURRENT_USER, owner, 'USAGE') THEN
		RAISE EXCEPTION 'permission denied for grant_viewer'
			USING ERRCODE = 'insufficient_privilege',
				  DETAIL = 'Only the owner of the extension uanalytics may make viewers.';
	END IF;
	EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA uanalytics TO %s', role);
	FOREACH v IN ARRAY viewer_views LOOP
		EXECUTE pg_catalog.format('GRANT SELECT ON uanalytics.%I TO %s', v, role);
	END LOOP;
	FOREACH v IN ARRAY viewer_functions LOOP
		EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %s TO %s', v, role);
	END LOOP;
END
$$;
REVOKE ALL ON FUNCTION uanalytics.grant_viewer(regrole) FROM PUBLIC;

COMMENT ON FUNCTION uanalytics.grant_viewer(regrole) IS 'Makes role a read-only analytics viewer: USAGE on the schema, SELECT on the aggregate views (overview, users_summary, gpts_summary, projects_summary, seat_types, date_ranges, adoption, cohort_retention, group_activity, department_activity) and EXECUTE on overview_between and cohort_counts (which cohort_retention calls).  Nothing that holds a name, email or public_id.  Run by the extension''s owner; run again after an upgrade that adds views.';
