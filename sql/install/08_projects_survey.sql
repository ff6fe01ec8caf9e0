-- uanalytics install script, part 8: the Project and Impact survey reports
-- of 2026 (issue 12): their tables, and the views of the Project report
-- (doc/projects.md).

-- ---- the Project report: the GPT report's layout, for projects ----

CREATE TABLE uanalytics.project_engagement (
	account_id text NOT NULL,
	cadence text NOT NULL CHECK (cadence IN ('Weekly', 'Monthly', 'Date Range')),
	is_partial boolean NOT NULL,
	period_start date NOT NULL,
	period_end date NOT NULL,
	project_id text NOT NULL,
	project_name text,
	config_type text,
	project_description text,
	project_url text,
	project_creator_public_id text,
	project_creator_email text,
	is_active boolean,
	first_day_active_in_period date,
	last_day_active_in_period date,
	messages_workspace integer,
	unique_messagers_workspace integer,
	load_id bigint NOT NULL,
	extra jsonb
);
-- as for gpt_engagement (01_tables.sql): periods are read, replaced and
-- summarised whole, and "seen before this period?" is one probe per project
CREATE INDEX project_engagement_period_idx ON uanalytics.project_engagement (period_start, account_id, cadence);
CREATE INDEX project_engagement_series_idx
	ON uanalytics.project_engagement (account_id, cadence, project_id, period_start);
CREATE STATISTICS uanalytics.project_engagement_period_stats (dependencies, mcv)
	ON cadence, period_start FROM uanalytics.project_engagement;
COMMENT ON STATISTICS uanalytics.project_engagement_period_stats IS 'Tells the planner that a period_start belongs to one cadence, so that a period''s rows are estimated right.';

COMMENT ON TABLE uanalytics.project_engagement IS 'Project report (2026 exports): one row per project per period.  A project is identified by project_id.';
COMMENT ON COLUMN uanalytics.project_engagement.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.project_engagement.cadence IS 'Weekly, Monthly or Date Range (a custom range of up to 366 days).';
COMMENT ON COLUMN uanalytics.project_engagement.is_partial IS 'True for rows of a Partial Weekly / Partial Monthly export.';
COMMENT ON COLUMN uanalytics.project_engagement.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.project_engagement.period_end IS 'Last day of the period.';
COMMENT ON COLUMN uanalytics.project_engagement.project_id IS 'Project id (g-p-...), as the keys of user_engagement.project_to_messages.';
COMMENT ON COLUMN uanalytics.project_engagement.project_name IS 'Project name as of period end (free text: invalid UTF-8 is stored as U+FFFD).';
COMMENT ON COLUMN uanalytics.project_engagement.config_type IS 'Live or Draft as for GPTs (any other value kept as exported); NULL in exports without the column.';
COMMENT ON COLUMN uanalytics.project_engagement.project_description IS 'Project description as written by its creator (free text: invalid UTF-8 is stored as U+FFFD).';
COMMENT ON COLUMN uanalytics.project_engagement.project_url IS 'Link to the project.';
COMMENT ON COLUMN uanalytics.project_engagement.project_creator_public_id IS 'public_id of the project''s creator.';
COMMENT ON COLUMN uanalytics.project_engagement.project_creator_email IS 'Email of the project''s creator.';
COMMENT ON COLUMN uanalytics.project_engagement.is_active IS 'The export''s own activity flag; can be true with zero messages.';
COMMENT ON COLUMN uanalytics.project_engagement.first_day_active_in_period IS 'First day the project was used in the period.';
COMMENT ON COLUMN uanalytics.project_engagement.last_day_active_in_period IS 'Last day the project was used in the period.';
COMMENT ON COLUMN uanalytics.project_engagement.messages_workspace IS 'Messages in the project from the workspace in the period.';
COMMENT ON COLUMN uanalytics.project_engagement.unique_messagers_workspace IS 'Distinct users who messaged in the project in the period; NULL where the export has no value (partial periods).';
COMMENT ON COLUMN uanalytics.project_engagement.load_id IS 'The load that wrote the row (uanalytics.loads).';
COMMENT ON COLUMN uanalytics.project_engagement.extra IS 'The export''s columns the loader does not know, {"header name": "text value"} for every non-empty value; NULL when the row has none.  loads.unknown_columns lists them per load.';

SELECT pg_catalog.pg_extension_config_dump('uanalytics.project_engagement', '');

-- ---- the Impact survey report: one row per answer, no periods ----

CREATE TABLE uanalytics.survey_answers (
	date_partition date NOT NULL,
	workspace_id text NOT NULL,
	name text,
	email text,
	survey_id text NOT NULL,
	survey_name text,
	question_id text,
	answer_id text,
	load_id bigint NOT NULL,
	extra jsonb
);
-- a load replaces a survey's answers over a range of date_partition
-- (src/surveys.c); the same bytes are unchanged while all of a load's
-- answers are stored (src/loads.c)
CREATE INDEX survey_answers_range_idx ON uanalytics.survey_answers (workspace_id, survey_id, date_partition);
CREATE INDEX survey_answers_load_id_idx ON uanalytics.survey_answers (load_id);

COMMENT ON TABLE uanalytics.survey_answers IS 'Impact survey report (2026 exports): one row per answer.  A load replaces the stored answers of each (workspace_id, survey_id) it holds whose date_partition lies between the file''s first and last date_partition of that survey.';
COMMENT ON COLUMN uanalytics.survey_answers.date_partition IS 'The day the answer was recorded, as exported.';
COMMENT ON COLUMN uanalytics.survey_answers.workspace_id IS 'Workspace id (the account_id of the other reports, as far as is known).';
COMMENT ON COLUMN uanalytics.survey_answers.name IS 'Name of the person who answered (free text: invalid UTF-8 is stored as U+FFFD).';
COMMENT ON COLUMN uanalytics.survey_answers.email IS 'Email of the person who answered, as exported; compare with lower(email).';
COMMENT ON COLUMN uanalytics.survey_answers.survey_id IS 'Survey id; surveys run at day 120 and day 240 of a workspace.';
COMMENT ON COLUMN uanalytics.survey_answers.survey_name IS 'Survey name as exported (free text: invalid UTF-8 is stored as U+FFFD).';
COMMENT ON COLUMN uanalytics.survey_answers.question_id IS 'Question id; the export holds no question texts.';
COMMENT ON COLUMN uanalytics.survey_answers.answer_id IS 'Answer id; the export holds no answer texts.';
COMMENT ON COLUMN uanalytics.survey_answers.load_id IS 'The load that wrote the row (uanalytics.loads).';
COMMENT ON COLUMN uanalytics.survey_answers.extra IS 'The export''s columns the loader does not know, {"header name": "text value"} for every non-empty value; NULL when the row has none.  loads.unknown_columns lists them per load.';

SELECT pg_catalog.pg_extension_config_dump('uanalytics.survey_answers', '');

-- ---- the views of the Project report, as those of the GPTs tab ----

-- What gpt_period_totals and gpts_created hold for GPTs, counted from the
-- rows when read (the Project report is small: no rollup table).  A plain
-- view, so that a period asked for reaches project_engagement's indexes.
CREATE VIEW uanalytics.project_period_totals AS
SELECT p.account_id, p.cadence, p.period_start, p.period_end, p.is_partial, p.load_id,
	t.total_projects,
	CASE WHEN EXISTS (
		SELECT FROM uanalytics.periods AS e
		WHERE (e.account_id, e.kind, e.cadence) = (p.account_id, p.kind, p.cadence)
		  AND e.period_start < p.period_start)
	THEN t.first_seen END AS projects_created,
	t.projects_active,
	t.projects_flagged_active
FROM uanalytics.periods AS p
CROSS JOIN LATERAL (
	SELECT count(*) AS total_projects,
		count(*) FILTER (WHERE NOT EXISTS (
			SELECT FROM uanalytics.project_engagement AS earlier
			WHERE (earlier.account_id, earlier.cadence, earlier.project_id) = (g.account_id, g.cadence, g.project_id)
			  AND earlier.period_start < g.period_start)) AS first_seen,
		count(*) FILTER (WHERE g.messages_workspace > 0) AS projects_active,
		count(*) FILTER (WHERE g.is_active) AS projects_flagged_active
	FROM uanalytics.project_engagement AS g
	WHERE (g.account_id, g.cadence, g.period_start) = (p.account_id, p.cadence, p.period_start)
) AS t
-- as gpts_created: a Date Range is compared with nothing
WHERE p.kind = 'projects' AND p.cadence <> 'Date Range';

COMMENT ON VIEW uanalytics.project_period_totals IS 'The numbers of each stored week and month of the Project report (Date Range exports have none), one row per account, cadence and period, counted from project_engagement when read; projects_summary compares them with the prior period.';
COMMENT ON COLUMN uanalytics.project_period_totals.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.project_period_totals.cadence IS 'Weekly or Monthly.';
COMMENT ON COLUMN uanalytics.project_period_totals.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.project_period_totals.period_end IS 'Last day of the period.';
COMMENT ON COLUMN uanalytics.project_period_totals.is_partial IS 'True when the period''s rows come from a partial export.';
COMMENT ON COLUMN uanalytics.project_period_totals.load_id IS 'The load that holds the period (uanalytics.periods.load_id).';
COMMENT ON COLUMN uanalytics.project_period_totals.total_projects IS 'Projects listed in the period''s report.';
COMMENT ON COLUMN uanalytics.project_period_totals.projects_created IS 'Projects in the period''s report that no earlier stored report of the same cadence lists; NULL for the earliest stored period, where every project would count.';
COMMENT ON COLUMN uanalytics.project_period_totals.projects_active IS 'Projects with messages_workspace > 0.';
COMMENT ON COLUMN uanalytics.project_period_totals.projects_flagged_active IS 'Projects with the export''s is_active true.';

CREATE VIEW uanalytics.projects_summary AS
SELECT c.account_id, c.cadence, c.period_start, c.period_end, c.is_partial,
	pp.prior_period_start,
	c.total_projects,
	p.total_projects AS total_projects_prior,
	round(uanalytics.pct_change(c.total_projects, p.total_projects), 1) AS total_projects_pct_change,
	c.projects_created,
	p.projects_created AS projects_created_prior,
	round(uanalytics.pct_change(c.projects_created, p.projects_created), 1) AS projects_created_pct_change,
	c.projects_active,
	p.projects_active AS projects_active_prior,
	round(uanalytics.pct_change(c.projects_active, p.projects_active), 1) AS projects_active_pct_change,
	c.projects_flagged_active,
	p.projects_flagged_active AS projects_flagged_active_prior,
	round(uanalytics.pct_change(c.projects_flagged_active, p.projects_flagged_active), 1)
		AS projects_flagged_active_pct_change
FROM uanalytics.project_period_totals AS c
JOIN uanalytics.prior_periods AS pp
	ON (pp.account_id, pp.kind, pp.cadence, pp.period_start) = (c.account_id, 'projects', c.cadence, c.period_start)
LEFT JOIN uanalytics.project_period_totals AS p
	ON (p.account_id, p.cadence, p.period_start) = (c.account_id, c.cadence, pp.prior_period_start);

COMMENT ON VIEW uanalytics.projects_summary IS 'The cards of the Project report, as gpts_summary''s of the GPTs tab: one row per account, cadence and period of the Project report.';
COMMENT ON COLUMN uanalytics.projects_summary.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.projects_summary.cadence IS 'Weekly or Monthly.';
COMMENT ON COLUMN uanalytics.projects_summary.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.projects_summary.period_end IS 'Last day of the period (for a partial period as exported: the period''s last day, or in 2026 exports its latest day with data).';
COMMENT ON COLUMN uanalytics.projects_summary.is_partial IS 'True for the current, incomplete period of a partial export.';
COMMENT ON COLUMN uanalytics.projects_summary.prior_period_start IS 'First day of the period the _prior columns come from; NULL when there is none (see prior_periods).';
COMMENT ON COLUMN uanalytics.projects_summary.total_projects IS 'Projects listed in the period''s report.';
COMMENT ON COLUMN uanalytics.projects_summary.total_projects_prior IS 'total_projects of the prior period.';
COMMENT ON COLUMN uanalytics.projects_summary.total_projects_pct_change IS 'Percent change from the prior period, one decimal (pct_change).';
COMMENT ON COLUMN uanalytics.projects_summary.projects_created IS 'Projects listed for the first time in this period''s report (the export has no creation date); NULL for the earliest stored period.';
COMMENT ON COLUMN uanalytics.projects_summary.projects_created_prior IS 'projects_created of the prior period.';
COMMENT ON COLUMN uanalytics.projects_summary.projects_created_pct_change IS 'Percent change from the prior period, one decimal (pct_change).';
COMMENT ON COLUMN uanalytics.projects_summary.projects_active IS 'Projects with at least one user message in the period (messages_workspace > 0).';
COMMENT ON COLUMN uanalytics.projects_summary.projects_active_prior IS 'projects_active of the prior period.';
COMMENT ON COLUMN uanalytics.projects_summary.projects_active_pct_change IS 'Percent change from the prior period, one decimal (pct_change).';
COMMENT ON COLUMN uanalytics.projects_summary.projects_flagged_active IS 'Projects the export flags is_active, which includes projects used without messages.';
COMMENT ON COLUMN uanalytics.projects_summary.projects_flagged_active_prior IS 'projects_flagged_active of the prior period.';
COMMENT ON COLUMN uanalytics.projects_summary.projects_flagged_active_pct_change IS 'Percent change from the prior period, one decimal (pct_change).';

CREATE VIEW uanalytics.projects AS
SELECT g.account_id, g.cadence, g.period_start, g.period_end, g.is_partial,
	g.project_id, g.project_name, g.config_type,
	g.project_creator_public_id AS creator_public_id,
	g.project_creator_email AS creator_email,
	COALESCE(creator.name, (
		-- the creator is not in this period's user report: latest known name
		SELECT u.name
		FROM uanalytics.user_engagement AS u
		WHERE u.public_id = g.project_creator_public_id AND u.account_id = g.account_id AND u.name IS NOT NULL
		ORDER BY u.period_end DESC, u.cadence
		LIMIT 1)) AS creator_name,
	g.messages_workspace AS messages,
	g.unique_messagers_workspace AS active_users,
	g.is_active,
	(SELECT min(f.period_start)
	 FROM uanalytics.project_engagement AS f
	 WHERE (f.account_id, f.cadence, f.project_id) = (g.account_id, g.cadence, g.project_id)) AS first_seen,
	prior.messages_workspace AS messages_prior,
	round(uanalytics.pct_change(g.messages_workspace, prior.messages_workspace), 1) AS messages_pct_change
FROM uanalytics.project_engagement AS g
LEFT JOIN uanalytics.user_engagement AS creator
	ON (creator.account_id, creator.cadence, creator.period_start, creator.public_id)
	 = (g.account_id, g.cadence, g.period_start, g.project_creator_public_id)
	-- two Date Ranges of one start are two periods
	AND (g.cadence <> 'Date Range' OR creator.period_end = g.period_end)
LEFT JOIN (
	-- each project's row in the period that its period is compared with
	SELECT pp.account_id, pp.cadence, pp.period_start, pg.project_id, pg.messages_workspace
	FROM uanalytics.prior_periods AS pp
	JOIN uanalytics.project_engagement AS pg
		ON (pg.account_id, pg.cadence, pg.period_start) = (pp.account_id, pp.cadence, pp.prior_period_start)
	WHERE pp.kind = 'projects'
) AS prior
	ON (prior.account_id, prior.cadence, prior.period_start, prior.project_id)
	 = (g.account_id, g.cadence, g.period_start, g.project_id);

COMMENT ON VIEW uanalytics.projects IS 'The projects table, as gpts is the GPTs tab''s: one row per project per period of the Project report, with its creator and its messages in the prior period.';
COMMENT ON COLUMN uanalytics.projects.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.projects.cadence IS 'Weekly, Monthly or Date Range.';
COMMENT ON COLUMN uanalytics.projects.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.projects.period_end IS 'Last day of the period (for a partial period as exported: the period''s last day, or in 2026 exports its latest day with data).';
COMMENT ON COLUMN uanalytics.projects.is_partial IS 'True for the current, incomplete period of a partial export.';
COMMENT ON COLUMN uanalytics.projects.project_id IS 'Project id (g-p-...).';
COMMENT ON COLUMN uanalytics.projects.project_name IS 'Project name as of period end.';
COMMENT ON COLUMN uanalytics.projects.config_type IS 'Live or Draft as for GPTs; NULL in exports without the column.';
COMMENT ON COLUMN uanalytics.projects.creator_public_id IS 'public_id of the project''s creator.';
COMMENT ON COLUMN uanalytics.projects.creator_email IS 'Email of the project''s creator, as exported.';
COMMENT ON COLUMN uanalytics.projects.creator_name IS 'The creator''s name in the same period''s user report, else the latest name any user report gives; NULL when no user report lists the creator.';
COMMENT ON COLUMN uanalytics.projects.messages IS 'Messages in the project from the workspace in the period (messages_workspace).';
COMMENT ON COLUMN uanalytics.projects.active_users IS 'Distinct users who messaged in the project in the period (unique_messagers_workspace); NULL where the export has no value.';
COMMENT ON COLUMN uanalytics.projects.is_active IS 'The export''s activity flag; can be true with zero messages.';
COMMENT ON COLUMN uanalytics.projects.first_seen IS 'First day of the earliest stored period of this cadence whose report lists the project (the export has no creation date).';
COMMENT ON COLUMN uanalytics.projects.messages_prior IS 'The project''s messages in the prior period (see prior_periods); NULL when it is not listed there or there is none, as for every Date Range.';
COMMENT ON COLUMN uanalytics.projects.messages_pct_change IS 'Percent change of messages from messages_prior, one decimal (pct_change).';
