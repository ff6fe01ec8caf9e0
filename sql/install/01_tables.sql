-- uanalytics install script, part 1: the tables the loaders fill.
-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION uanalytics" to load this file. \quit

-- One row per load attempt.  Created before the data are parsed, so that
-- rejected records (on_error => 'skip') can point at it.
CREATE TABLE uanalytics.loads (
	load_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	source text NOT NULL,
	sha256 bytea NOT NULL,
	bytes bigint NOT NULL,
	kind text NOT NULL CHECK (kind IN ('users', 'gpts', 'projects', 'survey')),
	on_error text NOT NULL CHECK (on_error IN ('abort', 'skip')),
	status text NOT NULL CHECK (status IN ('loading', 'loaded', 'unchanged')),
	loaded_at timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
	loaded_by name NOT NULL DEFAULT CURRENT_USER,
	rows_read bigint NOT NULL DEFAULT 0,
	rows_loaded bigint NOT NULL DEFAULT 0,
	rows_replaced bigint NOT NULL DEFAULT 0,
	rows_skipped bigint NOT NULL DEFAULT 0,
	rows_rejected bigint NOT NULL DEFAULT 0,
	unknown_columns text[] NOT NULL DEFAULT '{}',
	rows_repaired bigint NOT NULL DEFAULT 0,
	forced boolean NOT NULL DEFAULT false,
	complete_rows bigint NOT NULL DEFAULT 0
);
CREATE INDEX loads_sha256_idx ON uanalytics.loads (sha256);
CREATE INDEX loads_bytes_idx ON uanalytics.loads (bytes);

COMMENT ON TABLE uanalytics.loads IS 'One row per call of a uanalytics loader for one file: what was read, what it replaced, and how it ended.';
COMMENT ON COLUMN uanalytics.loads.load_id IS 'Identifies the load; user_engagement.load_id and gpt_engagement.load_id point here.';
COMMENT ON COLUMN uanalytics.loads.source IS 'File name, or the name given to load_data/load_lo.';
COMMENT ON COLUMN uanalytics.loads.sha256 IS 'SHA-256 of the exact bytes loaded; the same bytes again give status unchanged.';
COMMENT ON COLUMN uanalytics.loads.bytes IS 'Size of the input in bytes.';
COMMENT ON COLUMN uanalytics.loads.kind IS 'users (User Engagement report), gpts (GPT Engagement report), projects (Project report) or survey (Impact survey report).';
COMMENT ON COLUMN uanalytics.loads.on_error IS 'abort: the first bad record undid the load; skip: bad records went to load_errors.';
COMMENT ON COLUMN uanalytics.loads.status IS 'loaded, or unchanged when these exact bytes had been loaded before and their rows are still the stored ones.';
COMMENT ON COLUMN uanalytics.loads.loaded_at IS 'When the load ran.';
COMMENT ON COLUMN uanalytics.loads.loaded_by IS 'The role that ran the load.';
COMMENT ON COLUMN uanalytics.loads.rows_read IS 'Data records read from the file (the header not counted).';
COMMENT ON COLUMN uanalytics.loads.rows_loaded IS 'Rows stored by this load.';
COMMENT ON COLUMN uanalytics.loads.rows_replaced IS 'Rows of earlier loads this load removed because it supersedes their periods.';
COMMENT ON COLUMN uanalytics.loads.rows_skipped IS 'Good rows not stored because a better export of their period is stored (a partial never replaces a complete period, an older partial never replaces a newer one).';
COMMENT ON COLUMN uanalytics.loads.rows_rejected IS 'Bad records sent to load_errors (on_error => skip).';
COMMENT ON COLUMN uanalytics.loads.unknown_columns IS 'Header columns the loader does not know; their values are kept in the column extra of the rows.';
COMMENT ON COLUMN uanalytics.loads.rows_repaired IS 'Rows stored with invalid UTF-8 in a free-text column (name, role, department, group names, gpt_name, gpt_description, project_name, project_description, survey_name) replaced by U+FFFD; load_errors has each repair with repaired = true.';
COMMENT ON COLUMN uanalytics.loads.complete_rows IS 'Rows this load stored in complete periods.  While the complete periods it holds (uanalytics.periods.load_id) still have that many rows, the same bytes loaded again are unchanged; once a later load replaced one, they load again and restore it.';
COMMENT ON COLUMN uanalytics.loads.forced IS 'The load ran with force => true: it could replace a complete period by fewer rows, and loaded bytes seen before.';

-- Bad records of loads run with on_error => 'skip'.
CREATE TABLE uanalytics.load_errors (
	load_id bigint NOT NULL REFERENCES uanalytics.loads ON DELETE CASCADE,
	line_number bigint NOT NULL,
	column_name text,
	message text NOT NULL,
	sqlstate text NOT NULL,
	raw_record text,
	repaired boolean NOT NULL DEFAULT false
);
CREATE INDEX load_errors_load_id_idx ON uanalytics.load_errors (load_id, line_number);

COMMENT ON TABLE uanalytics.load_errors IS 'Records rejected by loads run with on_error => ''skip'', one row per bad record; and fields repaired by any load (repaired = true), one row per field.';
COMMENT ON COLUMN uanalytics.load_errors.load_id IS 'The load that rejected the record.';
COMMENT ON COLUMN uanalytics.load_errors.line_number IS 'Line of the record''s first physical line in the file; the header is line 1.';
COMMENT ON COLUMN uanalytics.load_errors.column_name IS 'Header name of the offending column, NULL when the record as a whole is bad.';
COMMENT ON COLUMN uanalytics.load_errors.message IS 'What is wrong, with the offending value.';
COMMENT ON COLUMN uanalytics.load_errors.sqlstate IS 'The SQLSTATE the error would have raised with on_error => ''abort''.';
COMMENT ON COLUMN uanalytics.load_errors.raw_record IS 'The record as it stands in the file (invalid bytes shown as \xNN).';
COMMENT ON COLUMN uanalytics.load_errors.repaired IS 'True: the record was stored, with this free-text field''s invalid UTF-8 bytes replaced by U+FFFD.  False: the record was rejected.';

-- What is stored for each period of each report: the loaders' catalog.
-- Its row locks serialise concurrent loads of the same period.
CREATE TABLE uanalytics.periods (
	account_id text NOT NULL,
	kind text NOT NULL CHECK (kind IN ('users', 'gpts', 'projects')),
	cadence text NOT NULL CHECK (cadence IN ('Weekly', 'Monthly', 'Date Range')),
	period_start date NOT NULL,
	period_end date NOT NULL,
	is_partial boolean NOT NULL,
	as_of date,
	load_id bigint NOT NULL REFERENCES uanalytics.loads,
	row_count bigint NOT NULL,
	-- a week or month is one period whatever its end (a partial export ends
	-- early); two Date Ranges of one start are two
	period_key date NOT NULL GENERATED ALWAYS AS (
		CASE WHEN cadence = 'Date Range' THEN period_end ELSE period_start END) STORED,
	PRIMARY KEY (account_id, kind, cadence, period_start, period_key)
);
CREATE INDEX periods_load_id_idx ON uanalytics.periods (load_id);

COMMENT ON TABLE uanalytics.periods IS 'One row per account, report, cadence and period stored (a Date Range is identified by its start and end): which load holds it and whether it is partial.';
COMMENT ON COLUMN uanalytics.periods.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.periods.kind IS 'users, gpts or projects: which report (the survey report has no periods).';
COMMENT ON COLUMN uanalytics.periods.cadence IS 'Weekly, Monthly or Date Range (a custom range of up to 366 days, never partial).';
COMMENT ON COLUMN uanalytics.periods.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.periods.period_end IS 'Last day of the period (for a partial period as exported: the period''s last day, or in 2026 exports its latest day with data).';
COMMENT ON COLUMN uanalytics.periods.is_partial IS 'True when the stored rows come from a Partial Weekly / Partial Monthly export.';
COMMENT ON COLUMN uanalytics.periods.as_of IS 'Latest activity date in the stored rows (last_day_active_in_period); decides which of two partial exports is newer.';
COMMENT ON COLUMN uanalytics.periods.load_id IS 'The load whose rows are stored for this period.';
COMMENT ON COLUMN uanalytics.periods.row_count IS 'Rows stored for this period.';
COMMENT ON COLUMN uanalytics.periods.period_key IS 'With account_id, kind, cadence and period_start, what identifies a period: period_start for weeks and months (a partial export and the complete one are the same period), period_end for a Date Range (two ranges of one start are two periods).';

CREATE TABLE uanalytics.user_engagement (
	account_id text NOT NULL,
	cadence text NOT NULL CHECK (cadence IN ('Weekly', 'Monthly', 'Date Range')),
	is_partial boolean NOT NULL,
	period_start date NOT NULL,
	period_end date NOT NULL,
	public_id text,
	name text,
	email text,
	role text,
	user_role text,
	department text[],
	groups jsonb,
	user_status text,
	created_or_invited_date date,
	is_active boolean,
	first_day_active_in_period date,
	last_day_active_in_period date,
	last_day_active date,
	messages integer,
	messages_rank integer,
	gpt_messages integer,
	gpts_messaged integer,
	tool_messages integer,
	tools_messaged integer,
	project_messages integer,
	projects_messaged integer,
	projects_created integer,
	model_to_messages jsonb,
	gpt_to_messages jsonb,
	tool_to_messages jsonb,
	project_to_messages jsonb,
	load_id bigint NOT NULL,
	seat_type text,
	credits_used numeric,
	extra jsonb
);
-- Periods are read, replaced and summarised whole: the period index leads
-- with the date, which compares cheaply when a load inserts thousands of
-- equal keys.  public_id is only ever looked up by equality, and a hash
-- index inserts a random key for far less than a btree
-- (doc/benchmarks.md#indexes-a-load-can-afford).
CREATE INDEX user_engagement_period_idx ON uanalytics.user_engagement (period_start, account_id, cadence);
CREATE INDEX user_engagement_public_id_idx ON uanalytics.user_engagement USING hash (public_id);
-- A period_start belongs to one cadence but for a few days a year (a month
-- starting on a Sunday).  Taken as independent, a period was estimated at a
-- fraction of its rows, and the Users tab joined two periods by nested
-- loops (doc/benchmarks.md#queries-right-after-a-load).  ANALYZE of both
-- columns, the loader's too, keeps these statistics.
CREATE STATISTICS uanalytics.user_engagement_period_stats (dependencies, mcv)
	ON cadence, period_start FROM uanalytics.user_engagement;
COMMENT ON STATISTICS uanalytics.user_engagement_period_stats IS 'Tells the planner that a period_start belongs to one cadence, so that a period''s rows are estimated right.';

COMMENT ON TABLE uanalytics.user_engagement IS 'User Engagement export: one row per user per period.  A user is identified by public_id, or by lower(email) for pending users.';
COMMENT ON COLUMN uanalytics.user_engagement.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.user_engagement.cadence IS 'Weekly, Monthly or Date Range (a custom range of up to 366 days).';
COMMENT ON COLUMN uanalytics.user_engagement.is_partial IS 'True for rows of a Partial Weekly / Partial Monthly export (the current, incomplete period).';
COMMENT ON COLUMN uanalytics.user_engagement.period_start IS 'First day of the period (weeks run Sunday to Saturday, months are calendar months, a Date Range starts on any day).';
COMMENT ON COLUMN uanalytics.user_engagement.period_end IS 'Last day of the period.';
COMMENT ON COLUMN uanalytics.user_engagement.public_id IS 'Stable user id (user-...); NULL for pending users.';
COMMENT ON COLUMN uanalytics.user_engagement.name IS 'User name as exported.';
COMMENT ON COLUMN uanalytics.user_engagement.email IS 'Email as exported; compare with lower(email).';
COMMENT ON COLUMN uanalytics.user_engagement.role IS 'User-entered job role (executive, director, manager, team_member, ...).';
COMMENT ON COLUMN uanalytics.user_engagement.user_role IS 'Workspace role normalised to owner, admin or user.';
COMMENT ON COLUMN uanalytics.user_engagement.department IS 'User-entered departments; the export''s JSON array as a text array.';
COMMENT ON COLUMN uanalytics.user_engagement.groups IS 'Groups as a JSON object {group_id: group_name}.';
COMMENT ON COLUMN uanalytics.user_engagement.user_status IS 'enabled, deleted or pending, as of period end.';
COMMENT ON COLUMN uanalytics.user_engagement.created_or_invited_date IS 'Date the user was created or invited.';
COMMENT ON COLUMN uanalytics.user_engagement.is_active IS 'True when the user sent at least one message in the period.';
COMMENT ON COLUMN uanalytics.user_engagement.first_day_active_in_period IS 'First day with a message in the period.';
COMMENT ON COLUMN uanalytics.user_engagement.last_day_active_in_period IS 'Last day with a message in the period.';
COMMENT ON COLUMN uanalytics.user_engagement.last_day_active IS 'Last day with a message in this or any earlier period.';
COMMENT ON COLUMN uanalytics.user_engagement.messages IS 'User-initiated messages in the period (ChatGPT and custom GPTs).';
COMMENT ON COLUMN uanalytics.user_engagement.messages_rank IS 'RANK() of the user among active users by messages.';
COMMENT ON COLUMN uanalytics.user_engagement.gpt_messages IS 'Messages to custom GPTs.';
COMMENT ON COLUMN uanalytics.user_engagement.gpts_messaged IS 'Distinct custom GPTs messaged.';
COMMENT ON COLUMN uanalytics.user_engagement.tool_messages IS 'Tool-invoking messages; not part of messages and can exceed it.';
COMMENT ON COLUMN uanalytics.user_engagement.tools_messaged IS 'Distinct tools used.';
COMMENT ON COLUMN uanalytics.user_engagement.project_messages IS 'Messages in projects.';
COMMENT ON COLUMN uanalytics.user_engagement.projects_messaged IS 'Distinct projects messaged in.';
COMMENT ON COLUMN uanalytics.user_engagement.projects_created IS 'Projects created in the period.';
COMMENT ON COLUMN uanalytics.user_engagement.model_to_messages IS 'Messages per model, {model: count}.';
COMMENT ON COLUMN uanalytics.user_engagement.gpt_to_messages IS 'Messages per custom GPT, {gpt_id: count}.';
COMMENT ON COLUMN uanalytics.user_engagement.tool_to_messages IS 'Messages per tool, {tool: count}.';
COMMENT ON COLUMN uanalytics.user_engagement.project_to_messages IS 'Messages per project, {project_id: count}.';
COMMENT ON COLUMN uanalytics.user_engagement.load_id IS 'The load that wrote the row (uanalytics.loads).';
COMMENT ON COLUMN uanalytics.user_engagement.seat_type IS 'The seat the user held when the export was made: ChatGPT, Codex or Automation, other values kept as given (2026 exports of eligible workspaces); NULL where the export has none.';
COMMENT ON COLUMN uanalytics.user_engagement.credits_used IS 'Credits the user used in the period, a decimal (exports since mid-2026); NULL where the export has none.';
COMMENT ON COLUMN uanalytics.user_engagement.extra IS 'The export''s columns the loader does not know, {"header name": "text value"} for every non-empty value; NULL when the row has none.  loads.unknown_columns lists them per load.';

CREATE TABLE uanalytics.gpt_engagement (
	account_id text NOT NULL,
	cadence text NOT NULL CHECK (cadence IN ('Weekly', 'Monthly', 'Date Range')),
	is_partial boolean NOT NULL,
	period_start date NOT NULL,
	period_end date NOT NULL,
	gpt_id text NOT NULL,
	gpt_name text,
	config_type text,
	gpt_description text,
	gpt_url text,
	gpt_creator_public_id text,
	gpt_creator_email text,
	is_active boolean,
	first_day_active_in_period date,
	last_day_active_in_period date,
	messages_workspace integer,
	unique_messagers_workspace integer,
	load_id bigint NOT NULL,
	extra jsonb
);
CREATE INDEX gpt_engagement_period_idx ON uanalytics.gpt_engagement (period_start, account_id, cadence);
CREATE INDEX gpt_engagement_gpt_id_idx ON uanalytics.gpt_engagement USING hash (gpt_id);
CREATE STATISTICS uanalytics.gpt_engagement_period_stats (dependencies, mcv)
	ON cadence, period_start FROM uanalytics.gpt_engagement;
COMMENT ON STATISTICS uanalytics.gpt_engagement_period_stats IS 'Tells the planner that a period_start belongs to one cadence, so that a period''s rows are estimated right.';

COMMENT ON TABLE uanalytics.gpt_engagement IS 'GPT Engagement export: one row per custom GPT per period.';
COMMENT ON COLUMN uanalytics.gpt_engagement.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.gpt_engagement.cadence IS 'Weekly, Monthly or Date Range (a custom range of up to 366 days).';
COMMENT ON COLUMN uanalytics.gpt_engagement.is_partial IS 'True for rows of a Partial Weekly / Partial Monthly export.';
COMMENT ON COLUMN uanalytics.gpt_engagement.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.gpt_engagement.period_end IS 'Last day of the period.';
COMMENT ON COLUMN uanalytics.gpt_engagement.gpt_id IS 'Custom GPT id (g-...).';
COMMENT ON COLUMN uanalytics.gpt_engagement.gpt_name IS 'GPT name as of period end.';
COMMENT ON COLUMN uanalytics.gpt_engagement.config_type IS 'Live or Draft; NULL in exports without the column.';
COMMENT ON COLUMN uanalytics.gpt_engagement.gpt_description IS 'GPT description as written by its creator.';
COMMENT ON COLUMN uanalytics.gpt_engagement.gpt_url IS 'Link to the GPT.';
COMMENT ON COLUMN uanalytics.gpt_engagement.gpt_creator_public_id IS 'public_id of the GPT''s creator.';
COMMENT ON COLUMN uanalytics.gpt_engagement.gpt_creator_email IS 'Email of the GPT''s creator.';
COMMENT ON COLUMN uanalytics.gpt_engagement.is_active IS 'The export''s own activity flag; can be true with zero messages.';
COMMENT ON COLUMN uanalytics.gpt_engagement.first_day_active_in_period IS 'First day the GPT was used in the period.';
COMMENT ON COLUMN uanalytics.gpt_engagement.last_day_active_in_period IS 'Last day the GPT was used in the period.';
COMMENT ON COLUMN uanalytics.gpt_engagement.messages_workspace IS 'Messages to the GPT from the workspace in the period.';
COMMENT ON COLUMN uanalytics.gpt_engagement.unique_messagers_workspace IS 'Distinct users who messaged the GPT in the period; NULL in partial periods.';
COMMENT ON COLUMN uanalytics.gpt_engagement.load_id IS 'The load that wrote the row (uanalytics.loads).';
COMMENT ON COLUMN uanalytics.gpt_engagement.extra IS 'The export''s columns the loader does not know, {"header name": "text value"} for every non-empty value; NULL when the row has none.  loads.unknown_columns lists them per load.';

-- "Seen before this period?" for every GPT of a period, one index probe each.
CREATE INDEX gpt_engagement_series_idx
	ON uanalytics.gpt_engagement (account_id, cadence, gpt_id, period_start);

-- The views' rollups: one row per account, cadence and period, counted by
-- the loader while a period's rows go in (src/periods.c) and read by the
-- tab views (04_views.sql).

CREATE TABLE uanalytics.user_period_totals (
	account_id text NOT NULL,
	cadence text NOT NULL,
	period_start date NOT NULL,
	period_end date NOT NULL,
	is_partial boolean NOT NULL,
	load_id bigint NOT NULL,
	users bigint NOT NULL,
	unique_active_users bigint NOT NULL,
	total_messages bigint,
	gpt_messages bigint,
	tool_messages bigint,
	claimed_seats bigint NOT NULL,
	pending_invites bigint NOT NULL,
	activated_users bigint NOT NULL,
	power_users bigint,
	PRIMARY KEY (account_id, cadence, period_start)
);

COMMENT ON TABLE uanalytics.user_period_totals IS 'Rollup of the User Engagement report, one row per account, cadence and week or month stored (Date Range exports have none: date_ranges reads their rows); kept current by the loaders (refresh_summaries recomputes it), read by the overview and users_summary views.';
COMMENT ON COLUMN uanalytics.user_period_totals.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.user_period_totals.cadence IS 'Weekly or Monthly.';
COMMENT ON COLUMN uanalytics.user_period_totals.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.user_period_totals.period_end IS 'Last day of the period.';
COMMENT ON COLUMN uanalytics.user_period_totals.is_partial IS 'True when the period''s rows come from a partial export.';
COMMENT ON COLUMN uanalytics.user_period_totals.load_id IS 'The load that holds the period (uanalytics.periods.load_id).';
COMMENT ON COLUMN uanalytics.user_period_totals.users IS 'Rows of the period: every listed user, pending and deleted included.';
COMMENT ON COLUMN uanalytics.user_period_totals.unique_active_users IS 'Distinct public_ids with is_active true.';
COMMENT ON COLUMN uanalytics.user_period_totals.total_messages IS 'Sum of messages; NULL when no row has a value.';
COMMENT ON COLUMN uanalytics.user_period_totals.gpt_messages IS 'Sum of gpt_messages; NULL when no row has a value (exports without GPT columns).';
COMMENT ON COLUMN uanalytics.user_period_totals.tool_messages IS 'Sum of tool_messages; NULL when no row has a value.';
COMMENT ON COLUMN uanalytics.user_period_totals.claimed_seats IS 'Rows with user_status enabled.';
COMMENT ON COLUMN uanalytics.user_period_totals.pending_invites IS 'Rows with user_status pending.';
COMMENT ON COLUMN uanalytics.user_period_totals.activated_users IS 'Rows with user_status enabled and last_day_active not NULL (uanalytics.adoption).';
COMMENT ON COLUMN uanalytics.user_period_totals.power_users IS 'Active users with messages_rank <= ceil(0.2 * unique_active_users) and tools_messaged >= 3 (uanalytics.power_users'' defaults); NULL when the active users have no tools_messaged (an export without the column).';

CREATE TABLE uanalytics.gpt_period_totals (
	account_id text NOT NULL,
	cadence text NOT NULL,
	period_start date NOT NULL,
	period_end date NOT NULL,
	is_partial boolean NOT NULL,
	load_id bigint NOT NULL,
	total_gpts bigint NOT NULL,
	gpts_active bigint NOT NULL,
	gpts_flagged_active bigint NOT NULL,
	PRIMARY KEY (account_id, cadence, period_start)
);

COMMENT ON TABLE uanalytics.gpt_period_totals IS 'Rollup of the GPT Engagement report, one row per account, cadence and week or month stored (Date Range exports have none); kept current by the loaders (refresh_summaries recomputes it), read by the gpts_summary view.';
COMMENT ON COLUMN uanalytics.gpt_period_totals.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.gpt_period_totals.cadence IS 'Weekly or Monthly.';
COMMENT ON COLUMN uanalytics.gpt_period_totals.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.gpt_period_totals.period_end IS 'Last day of the period.';
COMMENT ON COLUMN uanalytics.gpt_period_totals.is_partial IS 'True when the period''s rows come from a partial export.';
COMMENT ON COLUMN uanalytics.gpt_period_totals.load_id IS 'The load that holds the period (uanalytics.periods.load_id).';
COMMENT ON COLUMN uanalytics.gpt_period_totals.total_gpts IS 'GPTs listed in the period''s report.';
COMMENT ON COLUMN uanalytics.gpt_period_totals.gpts_active IS 'GPTs with messages_workspace > 0.';
COMMENT ON COLUMN uanalytics.gpt_period_totals.gpts_flagged_active IS 'GPTs with the export''s is_active true.';

-- Seats are in no export: the customer enters them.
CREATE TABLE uanalytics.seats (
	account_id text NOT NULL,
	effective_from date NOT NULL,
	seats_purchased integer NOT NULL CHECK (seats_purchased >= 0),
	PRIMARY KEY (account_id, effective_from)
);

COMMENT ON TABLE uanalytics.seats IS 'Seats purchased, entered by the customer; a period has the seats of the latest row with effective_from <= period_end.';
COMMENT ON COLUMN uanalytics.seats.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.seats.effective_from IS 'First day this seat count applies.';
COMMENT ON COLUMN uanalytics.seats.seats_purchased IS 'Number of seats purchased.';

SELECT pg_catalog.pg_extension_config_dump('uanalytics.loads', '');
SELECT pg_catalog.pg_extension_config_dump('uanalytics.load_errors', '');
SELECT pg_catalog.pg_extension_config_dump('uanalytics.periods', '');
SELECT pg_catalog.pg_extension_config_dump('uanalytics.user_engagement', '');
SELECT pg_catalog.pg_extension_config_dump('uanalytics.gpt_engagement', '');
SELECT pg_catalog.pg_extension_config_dump('uanalytics.seats', '');
SELECT pg_catalog.pg_extension_config_dump('uanalytics.user_period_totals', '');
SELECT pg_catalog.pg_extension_config_dump('uanalytics.gpt_period_totals', '');
SELECT pg_catalog.pg_extension_config_dump('uanalytics.loads_load_id_seq', '');
