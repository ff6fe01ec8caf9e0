-- uanalytics install script, part 4: the views that mirror the dashboard's
-- Overview, Users and GPTs tabs (doc/overview.md, doc/users.md, doc/gpts.md).
--
-- The numbers of one period come from two rollup tables (01_tables.sql), one
-- row per account, cadence and period, that the loader keeps current: it counts them
-- while the rows go in and writes each period's rollup row at the end of the
-- load, in the same transaction (src/periods.c).  refresh_summaries computes
-- the same from the stored rows, for tables edited by hand; the tests check
-- that both agree.  A one-period question is then an index lookup instead of
-- an aggregate over 100,000 user rows.
--
-- No rollup row depends on another period.  What does (the comparison with
-- the prior period, "GPTs first seen", seats) is looked up by key when a view
-- is read, so loads can arrive in any order, and at the same time, without
-- leaving a stale number behind.  Views join the prior period by key, never
-- through a window over all periods, so that WHERE account_id = ... AND
-- period_start = ... on a view reaches the tables as index conditions.

-- ---- rollups (their tables are in 01_tables.sql) ----

-- The loader writes the rollup rows itself; this recomputes them from the
-- stored rows, for an administrator who edited the data tables by hand.
CREATE FUNCTION uanalytics.refresh_summaries(load_id bigint)
	RETURNS bigint
	LANGUAGE sql VOLATILE
	SET search_path = pg_catalog, pg_temp
	AS $$
-- (account_id, cadence, period_start) is a rollup's key; a period that the
-- load replaced loses its old row here and gets its new one below
DELETE FROM uanalytics.user_period_totals AS t
WHERE refresh_summaries.load_id IS NULL
   OR (t.account_id, t.cadence, t.period_start) IN (
		SELECT p.account_id, p.cadence, p.period_start
		FROM uanalytics.periods AS p
		WHERE p.kind = 'users' AND p.load_id = refresh_summaries.load_id);

INSERT INTO uanalytics.user_period_totals
SELECT p.account_id, p.cadence, p.period_start, p.period_end, p.is_partial, p.load_id,
	c.users, c.active, c.messages, c.gpt_messages, c.tool_messages, c.enabled, c.pending, c.activated,
	-- power users: the active users with 3+ tools ranked within the top
	-- 20%, which needs the period's active users first; unknown when no
	-- active user has tools_messaged
	CASE WHEN c.active = 0 OR c.with_tools > 0
		 THEN (SELECT count(*) FROM unnest(c.ranks) AS r WHERE r <= ceil(0.2 * c.active)) END
FROM uanalytics.periods AS p
CROSS JOIN LATERAL (
	SELECT count(*) AS users,
		uanalytics.unique_active_users(u.public_id, u.is_active) AS active,
		sum(u.messages) AS messages,
		sum(u.gpt_messages) AS gpt_messages,
		sum(u.tool_messages) AS tool_messages,
		count(*) FILTER (WHERE u.user_status = 'enabled') AS enabled,
		count(*) FILTER (WHERE u.user_status = 'pending') AS pending,
		count(*) FILTER (WHERE u.user_status = 'enabled' AND u.last_day_active IS NOT NULL) AS activated,
		count(u.tools_messaged) FILTER (WHERE u.is_active AND u.public_id IS NOT NULL) AS with_tools,
		array_agg(u.messages_rank) FILTER (WHERE u.is_active AND u.public_id IS NOT NULL
										   AND u.tools_messaged >= 3 AND u.messages_rank IS NOT NULL) AS ranks
	FROM uanalytics.user_engagement AS u
	WHERE (u.account_id, u.cadence, u.period_start) = (p.account_id, p.cadence, p.period_start)
) AS c
WHERE p.kind = 'users' AND p.cadence <> 'Date Range'
  AND (refresh_summaries.load_id IS NULL OR p.load_id = refresh_summaries.load_id);

DELETE FROM uanalytics.gpt_period_totals AS t
WHERE refresh_summaries.load_id IS NULL
   OR (t.account_id, t.cadence, t.period_start) IN (
		SELECT p.account_id, p.cadence, p.period_start
		FROM uanalytics.periods AS p
		WHERE p.kind = 'gpts' AND p.load_id = refresh_summaries.load_id);

INSERT INTO uanalytics.gpt_period_totals
SELECT p.account_id, p.cadence, p.period_start, p.period_end, p.is_partial, p.load_id, period_totals.*
FROM uanalytics.periods AS p
CROSS JOIN LATERAL (
	SELECT count(*),
		count(*) FILTER (WHERE g.messages_workspace > 0),
		count(*) FILTER (WHERE g.is_active)
	FROM uanalytics.gpt_engagement AS g
	WHERE (g.account_id, g.cadence, g.period_start) = (p.account_id, p.cadence, p.period_start)
) AS period_totals
WHERE p.kind = 'gpts' AND p.cadence <> 'Date Range'
  AND (refresh_summaries.load_id IS NULL OR p.load_id = refresh_summaries.load_id);

SELECT count(*)
FROM uanalytics.periods AS p
WHERE p.cadence <> 'Date Range'
  AND (refresh_summaries.load_id IS NULL OR p.load_id = refresh_summaries.load_id);
$$;
COMMENT ON FUNCTION uanalytics.refresh_summaries(bigint) IS 'Recomputes the rollup rows (user_period_totals, gpt_period_totals) of the periods that a load holds, from the stored rows; with NULL, of every period.  The loaders keep the rollups current themselves: call it after editing the data tables by hand.  Returns the number of periods recomputed.';
REVOKE ALL ON FUNCTION uanalytics.refresh_summaries(bigint) FROM PUBLIC;

-- ---- which period each period is compared with ----

CREATE VIEW uanalytics.prior_periods AS
SELECT c.account_id, c.kind, c.cadence, c.period_start, c.is_partial,
	prior.period_start AS prior_period_start
FROM uanalytics.periods AS c
LEFT JOIN LATERAL (
	-- a complete period: the complete period at prior_period_start, if
	-- stored; a partial period: the last complete period before it
	SELECT p.period_start
	FROM uanalytics.periods AS p
	WHERE (p.account_id, p.kind, p.cadence) = (c.account_id, c.kind, c.cadence)
	  AND NOT p.is_partial
	  AND p.period_start < c.period_start
	  AND p.period_start >= CASE WHEN c.is_partial THEN '-infinity'::date
							ELSE uanalytics.prior_period_start(c.cadence, c.period_start) END
	ORDER BY p.period_start DESC
	LIMIT 1
) AS prior ON true
-- a Date Range is compared with nothing (date_ranges, overview_between)
WHERE c.cadence <> 'Date Range';

COMMENT ON VIEW uanalytics.prior_periods IS 'For every stored week and month of each report, the period the tab views compare it with (a Date Range is compared with nothing): the complete period of the same account, report and cadence starting at prior_period_start(cadence, period_start), or, for a partial period, the last complete period before it.';
COMMENT ON COLUMN uanalytics.prior_periods.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.prior_periods.kind IS 'users, gpts or projects: which report.';
COMMENT ON COLUMN uanalytics.prior_periods.cadence IS 'Weekly or Monthly.';
COMMENT ON COLUMN uanalytics.prior_periods.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.prior_periods.is_partial IS 'True when the stored period is partial.';
COMMENT ON COLUMN uanalytics.prior_periods.prior_period_start IS 'First day of the period it is compared with; NULL when that period is not stored (the first period, a gap, or only a partial export of it).';

-- ---- Overview tab ----

CREATE VIEW uanalytics.overview AS
SELECT c.account_id, c.cadence, c.period_start, c.period_end, c.is_partial,
	pp.prior_period_start,
	c.unique_active_users,
	p.unique_active_users AS unique_active_users_prior,
	round(uanalytics.pct_change(c.unique_active_users, p.unique_active_users), 1)
		AS unique_active_users_pct_change,
	c.total_messages,
	p.total_messages AS total_messages_prior,
	round(uanalytics.pct_change(c.total_messages, p.total_messages), 1) AS total_messages_pct_change,
	c.gpt_messages,
	p.gpt_messages AS gpt_messages_prior,
	round(uanalytics.pct_change(c.gpt_messages, p.gpt_messages), 1) AS gpt_messages_pct_change,
	c.tool_messages,
	p.tool_messages AS tool_messages_prior,
	round(uanalytics.pct_change(c.tool_messages, p.tool_messages), 1) AS tool_messages_pct_change,
	l.loaded_at AS last_loaded_at
FROM uanalytics.user_period_totals AS c
JOIN uanalytics.prior_periods AS pp
	ON (pp.account_id, pp.kind, pp.cadence, pp.period_start) = (c.account_id, 'users', c.cadence, c.period_start)
LEFT JOIN uanalytics.user_period_totals AS p
	ON (p.account_id, p.cadence, p.period_start) = (c.account_id, c.cadence, pp.prior_period_start)
LEFT JOIN uanalytics.loads AS l ON l.load_id = c.load_id;

COMMENT ON VIEW uanalytics.overview IS 'The dashboard''s Overview tab: one row per account, cadence and period of the User Engagement report, each compared with its prior period (see prior_periods).';
COMMENT ON COLUMN uanalytics.overview.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.overview.cadence IS 'Weekly or Monthly.';
COMMENT ON COLUMN uanalytics.overview.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.overview.period_end IS 'Last day of the period (for a partial period as exported: the period''s last day, or in 2026 exports its latest day with data).';
COMMENT ON COLUMN uanalytics.overview.is_partial IS 'True for the current, incomplete period of a partial export.';
COMMENT ON COLUMN uanalytics.overview.prior_period_start IS 'First day of the period the _prior columns come from; NULL when there is none (see prior_periods).';
COMMENT ON COLUMN uanalytics.overview.unique_active_users IS 'Distinct users who sent at least one message in the period (is_active); pending users never count.';
COMMENT ON COLUMN uanalytics.overview.unique_active_users_prior IS 'unique_active_users of the prior period.';
COMMENT ON COLUMN uanalytics.overview.unique_active_users_pct_change IS 'Percent change from the prior period, one decimal (pct_change); NULL without a prior period or when it was 0.';
COMMENT ON COLUMN uanalytics.overview.total_messages IS 'User-initiated messages (ChatGPT and custom GPTs): the sum of messages.';
COMMENT ON COLUMN uanalytics.overview.total_messages_prior IS 'total_messages of the prior period.';
COMMENT ON COLUMN uanalytics.overview.total_messages_pct_change IS 'Percent change from the prior period, one decimal (pct_change).';
COMMENT ON COLUMN uanalytics.overview.gpt_messages IS 'Messages to custom GPTs; NULL when the export has no GPT columns (data residency), not 0.';
COMMENT ON COLUMN uanalytics.overview.gpt_messages_prior IS 'gpt_messages of the prior period.';
COMMENT ON COLUMN uanalytics.overview.gpt_messages_pct_change IS 'Percent change from the prior period, one decimal (pct_change).';
COMMENT ON COLUMN uanalytics.overview.tool_messages IS 'Tool-invoking messages; not part of total_messages, and can exceed it.';
COMMENT ON COLUMN uanalytics.overview.tool_messages_prior IS 'tool_messages of the prior period.';
COMMENT ON COLUMN uanalytics.overview.tool_messages_pct_change IS 'Percent change from the prior period, one decimal (pct_change).';
COMMENT ON COLUMN uanalytics.overview.last_loaded_at IS 'When the load that holds this period ran.';

-- ---- Users tab ----

CREATE VIEW uanalytics.users_summary AS
SELECT c.account_id, c.cadence, c.period_start, c.period_end, c.is_partial,
	pp.prior_period_start,
	seats.seats_purchased,
	c.claimed_seats,
	c.unique_active_users AS active_users,
	c.pending_invites,
	p.unique_active_users AS active_users_prior,
	round(uanalytics.pct_change(c.unique_active_users, p.unique_active_users), 1) AS active_users_pct_change
FROM uanalytics.user_period_totals AS c
JOIN uanalytics.prior_periods AS pp
	ON (pp.account_id, pp.kind, pp.cadence, pp.period_start) = (c.account_id, 'users', c.cadence, c.period_start)
LEFT JOIN uanalytics.user_period_totals AS p
	ON (p.account_id, p.cadence, p.period_start) = (c.account_id, c.cadence, pp.prior_period_start)
LEFT JOIN LATERAL (
	-- the seats in force on the period's last day
	SELECT s.seats_purchased
	FROM uanalytics.seats AS s
	WHERE s.account_id = c.account_id AND s.effective_from <= c.period_end
	ORDER BY s.effective_from DESC
	LIMIT 1
) AS seats ON true;

COMMENT ON VIEW uanalytics.users_summary IS 'The cards of the dashboard''s Users tab: one row per account, cadence and period of the User Engagement report.';
COMMENT ON COLUMN uanalytics.users_summary.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.users_summary.cadence IS 'Weekly or Monthly.';
COMMENT ON COLUMN uanalytics.users_summary.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.users_summary.period_end IS 'Last day of the period (for a partial period as exported: the period''s last day, or in 2026 exports its latest day with data).';
COMMENT ON COLUMN uanalytics.users_summary.is_partial IS 'True for the current, incomplete period of a partial export.';
COMMENT ON COLUMN uanalytics.users_summary.prior_period_start IS 'First day of the period active_users_prior comes from; NULL when there is none (see prior_periods).';
COMMENT ON COLUMN uanalytics.users_summary.seats_purchased IS 'Seats of the latest uanalytics.seats row effective on or before period_end; NULL when none was entered (no export holds seats).';
COMMENT ON COLUMN uanalytics.users_summary.claimed_seats IS 'Users enabled as of period end (accepted the licence by logging in).';
COMMENT ON COLUMN uanalytics.users_summary.active_users IS 'Distinct users who sent at least one message in the period.';
COMMENT ON COLUMN uanalytics.users_summary.pending_invites IS 'Users invited who have not joined yet (user_status pending).';
COMMENT ON COLUMN uanalytics.users_summary.active_users_prior IS 'active_users of the prior period.';
COMMENT ON COLUMN uanalytics.users_summary.active_users_pct_change IS 'Percent change of active_users from the prior period, one decimal (pct_change).';

CREATE VIEW uanalytics.users AS
SELECT u.account_id, u.cadence, u.period_start, u.period_end, u.is_partial,
	u.public_id, u.name, u.email, u.role, u.user_role, u.user_status, u.department,
	u.is_active, u.messages, u.gpt_messages, u.tool_messages, u.messages_rank, u.last_day_active,
	prior.messages AS messages_prior,
	round(uanalytics.pct_change(u.messages, prior.messages), 1) AS messages_pct_change,
	u.gpts_messaged, u.tools_messaged, u.project_messages, u.projects_messaged,
	u.seat_type, u.credits_used
FROM uanalytics.user_engagement AS u
LEFT JOIN (
	-- each user's row in the period that the user's period is compared with,
	-- keyed by that (later) period: one index scan of the prior period
	SELECT pp.account_id, pp.cadence, pp.period_start, pu.public_id, pu.messages
	FROM uanalytics.prior_periods AS pp
	JOIN uanalytics.user_engagement AS pu
		ON (pu.account_id, pu.cadence, pu.period_start) = (pp.account_id, pp.cadence, pp.prior_period_start)
	WHERE pp.kind = 'users'
) AS prior
	ON (prior.account_id, prior.cadence, prior.period_start, prior.public_id)
	 = (u.account_id, u.cadence, u.period_start, u.public_id);

COMMENT ON VIEW uanalytics.users IS 'The table of the dashboard''s Users tab: one row per user per period of the User Engagement report, with the user''s messages in the prior period.';
COMMENT ON COLUMN uanalytics.users.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.users.cadence IS 'Weekly, Monthly or Date Range.';
COMMENT ON COLUMN uanalytics.users.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.users.period_end IS 'Last day of the period (for a partial period as exported: the period''s last day, or in 2026 exports its latest day with data).';
COMMENT ON COLUMN uanalytics.users.is_partial IS 'True for the current, incomplete period of a partial export.';
COMMENT ON COLUMN uanalytics.users.public_id IS 'Stable user id; NULL for pending users.  A changed email keeps the public_id.';
COMMENT ON COLUMN uanalytics.users.name IS 'User name as exported.';
COMMENT ON COLUMN uanalytics.users.email IS 'Email as exported; join with lower(email).';
COMMENT ON COLUMN uanalytics.users.role IS 'User-entered job role (executive, director, manager, team_member, ...).';
COMMENT ON COLUMN uanalytics.users.user_role IS 'Workspace role: owner, admin or user.';
COMMENT ON COLUMN uanalytics.users.user_status IS 'enabled, deleted or pending, as of period end.';
COMMENT ON COLUMN uanalytics.users.department IS 'User-entered departments (a text array).';
COMMENT ON COLUMN uanalytics.users.is_active IS 'True when the user sent at least one message in the period; NULL for pending users.';
COMMENT ON COLUMN uanalytics.users.messages IS 'User-initiated messages in the period; NULL for pending users.';
COMMENT ON COLUMN uanalytics.users.gpt_messages IS 'Messages to custom GPTs; NULL when the export has no GPT columns.';
COMMENT ON COLUMN uanalytics.users.tool_messages IS 'Tool-invoking messages; not part of messages, and can exceed it.';
COMMENT ON COLUMN uanalytics.users.messages_rank IS 'RANK() among the period''s active users by messages (ties share a rank); NULL for inactive users.';
COMMENT ON COLUMN uanalytics.users.last_day_active IS 'Last day with a message in this or any earlier period.';
COMMENT ON COLUMN uanalytics.users.messages_prior IS 'The same user''s messages in the prior period (see prior_periods); NULL when the user is not in it or there is none, as for every Date Range.';
COMMENT ON COLUMN uanalytics.users.messages_pct_change IS 'Percent change of messages from messages_prior, one decimal (pct_change).';
COMMENT ON COLUMN uanalytics.users.gpts_messaged IS 'Distinct custom GPTs the user messaged in the period; NULL for pending users, in partial periods and where the export has no value.';
COMMENT ON COLUMN uanalytics.users.tools_messaged IS 'Distinct tools the user used in the period; NULL for pending users, in partial periods and where the export has no value.';
COMMENT ON COLUMN uanalytics.users.project_messages IS 'Messages in projects in the period; NULL for pending users and in exports without the column.';
COMMENT ON COLUMN uanalytics.users.projects_messaged IS 'Distinct projects the user messaged in during the period; NULL for pending users, in partial periods and in exports without the column.';
COMMENT ON COLUMN uanalytics.users.seat_type IS 'The seat the user held when the export was made: ChatGPT, Codex or Automation (2026 exports of eligible workspaces); NULL where the export has none.';
COMMENT ON COLUMN uanalytics.users.credits_used IS 'Credits the user used in the period (exports since mid-2026); NULL where the export has none.';

-- ---- GPTs tab ----

-- The export has no creation date for a GPT, so "created in the period" is
-- "listed for the first time in this period's report" (doc/gpts.md).
CREATE VIEW uanalytics.gpts_created AS
SELECT p.account_id, p.cadence, p.period_start,
	CASE WHEN EXISTS (
		SELECT FROM uanalytics.periods AS e
		WHERE (e.account_id, e.kind, e.cadence) = (p.account_id, p.kind, p.cadence)
		  AND e.period_start < p.period_start)
	THEN first_seen.gpts END AS gpts_created
FROM uanalytics.periods AS p
CROSS JOIN LATERAL (
	SELECT count(*) AS gpts
	FROM uanalytics.gpt_engagement AS g
	WHERE (g.account_id, g.cadence, g.period_start) = (p.account_id, p.cadence, p.period_start)
	  AND NOT EXISTS (
		SELECT FROM uanalytics.gpt_engagement AS earlier
		WHERE (earlier.account_id, earlier.cadence, earlier.gpt_id) = (g.account_id, g.cadence, g.gpt_id)
		  AND earlier.period_start < g.period_start)
) AS first_seen
WHERE p.kind = 'gpts' AND p.cadence <> 'Date Range';

COMMENT ON VIEW uanalytics.gpts_created IS 'GPTs listed for the first time (in this account and cadence) in a period''s GPT report; the export has no creation date.';
COMMENT ON COLUMN uanalytics.gpts_created.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.gpts_created.cadence IS 'Weekly or Monthly.';
COMMENT ON COLUMN uanalytics.gpts_created.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.gpts_created.gpts_created IS 'GPTs in the period''s report that no earlier stored report of the same cadence lists; NULL for the earliest stored period, where every GPT would count.';

CREATE VIEW uanalytics.gpts_summary AS
SELECT c.account_id, c.cadence, c.period_start, c.period_end, c.is_partial,
	pp.prior_period_start,
	c.total_gpts,
	p.total_gpts AS total_gpts_prior,
	round(uanalytics.pct_change(c.total_gpts, p.total_gpts), 1) AS total_gpts_pct_change,
	cc.gpts_created,
	pc.gpts_created AS gpts_created_prior,
	round(uanalytics.pct_change(cc.gpts_created, pc.gpts_created), 1) AS gpts_created_pct_change,
	c.gpts_active,
	p.gpts_active AS gpts_active_prior,
	round(uanalytics.pct_change(c.gpts_active, p.gpts_active), 1) AS gpts_active_pct_change,
	c.gpts_flagged_active,
	p.gpts_flagged_active AS gpts_flagged_active_prior,
	round(uanalytics.pct_change(c.gpts_flagged_active, p.gpts_flagged_active), 1)
		AS gpts_flagged_active_pct_change
FROM uanalytics.gpt_period_totals AS c
JOIN uanalytics.prior_periods AS pp
	ON (pp.account_id, pp.kind, pp.cadence, pp.period_start) = (c.account_id, 'gpts', c.cadence, c.period_start)
JOIN uanalytics.gpts_created AS cc
	ON (cc.account_id, cc.cadence, cc.period_start) = (c.account_id, c.cadence, c.period_start)
LEFT JOIN uanalytics.gpt_period_totals AS p
	ON (p.account_id, p.cadence, p.period_start) = (c.account_id, c.cadence, pp.prior_period_start)
LEFT JOIN uanalytics.gpts_created AS pc
	ON (pc.account_id, pc.cadence, pc.period_start) = (c.account_id, c.cadence, pp.prior_period_start);

COMMENT ON VIEW uanalytics.gpts_summary IS 'The cards of the dashboard''s GPTs tab: one row per account, cadence and period of the GPT Engagement report (none for periods without one, as in data-residency workspaces).';
COMMENT ON COLUMN uanalytics.gpts_summary.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.gpts_summary.cadence IS 'Weekly or Monthly.';
COMMENT ON COLUMN uanalytics.gpts_summary.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.gpts_summary.period_end IS 'Last day of the period (for a partial period as exported: the period''s last day, or in 2026 exports its latest day with data).';
COMMENT ON COLUMN uanalytics.gpts_summary.is_partial IS 'True for the current, incomplete period of a partial export.';
COMMENT ON COLUMN uanalytics.gpts_summary.prior_period_start IS 'First day of the period the _prior columns come from; NULL when there is none (see prior_periods).';
COMMENT ON COLUMN uanalytics.gpts_summary.total_gpts IS 'Custom GPTs listed in the period''s report.';
COMMENT ON COLUMN uanalytics.gpts_summary.total_gpts_prior IS 'total_gpts of the prior period.';
COMMENT ON COLUMN uanalytics.gpts_summary.total_gpts_pct_change IS 'Percent change from the prior period, one decimal (pct_change).';
COMMENT ON COLUMN uanalytics.gpts_summary.gpts_created IS 'GPTs listed for the first time in this period''s report (the export has no creation date); NULL for the earliest stored period.';
COMMENT ON COLUMN uanalytics.gpts_summary.gpts_created_prior IS 'gpts_created of the prior period.';
COMMENT ON COLUMN uanalytics.gpts_summary.gpts_created_pct_change IS 'Percent change from the prior period, one decimal (pct_change).';
COMMENT ON COLUMN uanalytics.gpts_summary.gpts_active IS 'GPTs with at least one user message in the period (messages_workspace > 0).';
COMMENT ON COLUMN uanalytics.gpts_summary.gpts_active_prior IS 'gpts_active of the prior period.';
COMMENT ON COLUMN uanalytics.gpts_summary.gpts_active_pct_change IS 'Percent change from the prior period, one decimal (pct_change).';
COMMENT ON COLUMN uanalytics.gpts_summary.gpts_flagged_active IS 'GPTs the export flags is_active, which includes GPTs used without messages.';
COMMENT ON COLUMN uanalytics.gpts_summary.gpts_flagged_active_prior IS 'gpts_flagged_active of the prior period.';
COMMENT ON COLUMN uanalytics.gpts_summary.gpts_flagged_active_pct_change IS 'Percent change from the prior period, one decimal (pct_change).';

CREATE VIEW uanalytics.gpts AS
SELECT g.account_id, g.cadence, g.period_start, g.period_end, g.is_partial,
	g.gpt_id, g.gpt_name, g.config_type,
	g.gpt_creator_public_id AS creator_public_id,
	g.gpt_creator_email AS creator_email,
	COALESCE(creator.name, (
		-- the creator is not in this period's user report: latest known name
		SELECT u.name
		FROM uanalytics.user_engagement AS u
		WHERE u.public_id = g.gpt_creator_public_id AND u.account_id = g.account_id AND u.name IS NOT NULL
		ORDER BY u.period_end DESC, u.cadence
		LIMIT 1)) AS creator_name,
	g.messages_workspace AS messages,
	g.unique_messagers_workspace AS active_users,
	g.is_active,
	(SELECT min(f.period_start)
	 FROM uanalytics.gpt_engagement AS f
	 WHERE (f.account_id, f.cadence, f.gpt_id) = (g.account_id, g.cadence, g.gpt_id)) AS first_seen,
	prior.messages_workspace AS messages_prior,
	round(uanalytics.pct_change(g.messages_workspace, prior.messages_workspace), 1) AS messages_pct_change
FROM uanalytics.gpt_engagement AS g
LEFT JOIN uanalytics.user_engagement AS creator
	ON (creator.account_id, creator.cadence, creator.period_start, creator.public_id)
	 = (g.account_id, g.cadence, g.period_start, g.gpt_creator_public_id)
	-- two Date Ranges of one start are two periods
	AND (g.cadence <> 'Date Range' OR creator.period_end = g.period_end)
LEFT JOIN (
	-- each GPT's row in the period that its period is compared with
	SELECT pp.account_id, pp.cadence, pp.period_start, pg.gpt_id, pg.messages_workspace
	FROM uanalytics.prior_periods AS pp
	JOIN uanalytics.gpt_engagement AS pg
		ON (pg.account_id, pg.cadence, pg.period_start) = (pp.account_id, pp.cadence, pp.prior_period_start)
	WHERE pp.kind = 'gpts'
) AS prior
	ON (prior.account_id, prior.cadence, prior.period_start, prior.gpt_id)
	 = (g.account_id, g.cadence, g.period_start, g.gpt_id);

COMMENT ON VIEW uanalytics.gpts IS 'The table of the dashboard''s GPTs tab: one row per custom GPT per period of the GPT Engagement report, with its creator and its messages in the prior period.';
COMMENT ON COLUMN uanalytics.gpts.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.gpts.cadence IS 'Weekly, Monthly or Date Range.';
COMMENT ON COLUMN uanalytics.gpts.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.gpts.period_end IS 'Last day of the period (for a partial period as exported: the period''s last day, or in 2026 exports its latest day with data).';
COMMENT ON COLUMN uanalytics.gpts.is_partial IS 'True for the current, incomplete period of a partial export.';
COMMENT ON COLUMN uanalytics.gpts.gpt_id IS 'Custom GPT id (g-...).';
COMMENT ON COLUMN uanalytics.gpts.gpt_name IS 'GPT name as of period end.';
COMMENT ON COLUMN uanalytics.gpts.config_type IS 'Live or Draft; NULL in exports without the column.';
COMMENT ON COLUMN uanalytics.gpts.creator_public_id IS 'public_id of the GPT''s creator.';
COMMENT ON COLUMN uanalytics.gpts.creator_email IS 'Email of the GPT''s creator, as exported.';
COMMENT ON COLUMN uanalytics.gpts.creator_name IS 'The creator''s name in the same period''s user report, else the latest name any user report gives; NULL when no user report lists the creator.';
COMMENT ON COLUMN uanalytics.gpts.messages IS 'Messages to the GPT from the workspace in the period (messages_workspace).';
COMMENT ON COLUMN uanalytics.gpts.active_users IS 'Distinct users who messaged the GPT in the period (unique_messagers_workspace); NULL in partial periods.';
COMMENT ON COLUMN uanalytics.gpts.is_active IS 'The export''s activity flag; can be true with zero messages.';
COMMENT ON COLUMN uanalytics.gpts.first_seen IS 'First day of the earliest stored period of this cadence whose report lists the GPT (the export has no creation date).';
COMMENT ON COLUMN uanalytics.gpts.messages_prior IS 'The GPT''s messages in the prior period (see prior_periods); NULL when it is not listed there or there is none.';
COMMENT ON COLUMN uanalytics.gpts.messages_pct_change IS 'Percent change of messages from messages_prior, one decimal (pct_change).';

-- ---- Date Range exports ----

-- A custom range is compared with nothing and has no rollup row: its
-- numbers are counted from its rows when read, one index scan a range.
CREATE VIEW uanalytics.date_ranges AS
SELECT p.account_id, p.period_start, p.period_end,
	r.unique_active_users, r.total_messages, r.gpt_messages, r.tool_messages,
	r.users, r.claimed_seats, r.pending_invites,
	l.loaded_at AS last_loaded_at
FROM uanalytics.periods AS p
CROSS JOIN LATERAL (
	SELECT uanalytics.unique_active_users(u.public_id, u.is_active) AS unique_active_users,
		sum(u.messages) AS total_messages,
		sum(u.gpt_messages) AS gpt_messages,
		sum(u.tool_messages) AS tool_messages,
		count(*) AS users,
		count(*) FILTER (WHERE u.user_status = 'enabled') AS claimed_seats,
		count(*) FILTER (WHERE u.user_status = 'pending') AS pending_invites
	FROM uanalytics.user_engagement AS u
	WHERE (u.account_id, u.cadence, u.period_start, u.period_end)
		= (p.account_id, p.cadence, p.period_start, p.period_end)
) AS r
LEFT JOIN uanalytics.loads AS l ON l.load_id = p.load_id
WHERE p.kind = 'users' AND p.cadence = 'Date Range';

COMMENT ON VIEW uanalytics.date_ranges IS 'One row per stored Date Range user export (a custom range chosen in the dashboard): its Overview numbers, each user counted once over the range.  Ranges are compared with nothing here; overview_between answers a range with the equally long one before it.';
COMMENT ON COLUMN uanalytics.date_ranges.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.date_ranges.period_start IS 'First day of the range.';
COMMENT ON COLUMN uanalytics.date_ranges.period_end IS 'Last day of the range (included).';
COMMENT ON COLUMN uanalytics.date_ranges.unique_active_users IS 'Distinct users who sent at least one message in the range (is_active); pending users never count.';
COMMENT ON COLUMN uanalytics.date_ranges.total_messages IS 'User-initiated messages in the range: the sum of messages.';
COMMENT ON COLUMN uanalytics.date_ranges.gpt_messages IS 'Messages to custom GPTs; NULL when the export has no GPT columns, not 0.';
COMMENT ON COLUMN uanalytics.date_ranges.tool_messages IS 'Tool-invoking messages; not part of total_messages, and can exceed it.';
COMMENT ON COLUMN uanalytics.date_ranges.users IS 'Rows of the export: every listed user, pending and deleted included.';
COMMENT ON COLUMN uanalytics.date_ranges.claimed_seats IS 'Users enabled when the export was made.';
COMMENT ON COLUMN uanalytics.date_ranges.pending_invites IS 'Users invited who had not joined when the export was made.';
COMMENT ON COLUMN uanalytics.date_ranges.last_loaded_at IS 'When the load that holds this range ran.';

-- ---- any range ----

-- It runs with its owner's rights, for the roles granted EXECUTE on it (the
-- analytics viewer): made SECURITY DEFINER in 20_privacy.sql, which says why.
CREATE FUNCTION uanalytics.overview_between(from_date date, to_date date, allow_gaps boolean DEFAULT false)
	RETURNS TABLE (
		account_id text,
		cadence text,
		range_start date,
		range_end date,
		periods integer,
		periods_stored bigint,
		includes_partial boolean,
		prior_range_start date,
		prior_range_end date,
		unique_active_users bigint,
		unique_active_users_prior bigint,
		unique_active_users_pct_change numeric,
		total_messages bigint,
		total_messages_prior bigint,
		total_messages_pct_change numeric,
		gpt_messages bigint,
		gpt_messages_prior bigint,
		gpt_messages_pct_change numeric,
		tool_messages bigint,
		tool_messages_prior bigint,
		tool_messages_pct_change numeric)
	LANGUAGE plpgsql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	range_cadence text;
	nperiods integer;
	prior_start date;
	starts_month boolean := from_date = date_trunc('month', from_date)::date;
	starts_week boolean := extract(dow FROM from_date) = 0;
	month_end date;
	week_end date;
	missing text;
	tiled_by text;
BEGIN
	-- an infinite or endless range would make the gap check below list
	-- periods until the disk is full (any role granted the function can
	-- call it, with the owner's rights)
	IF (CASE WHEN isfinite(from_date) AND isfinite(to_date) THEN to_date - from_date > 36600 ELSE true END) THEN
		RAISE EXCEPTION 'the range % to % is longer than 100 years', from_date, to_date
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF from_date > to_date THEN
		RAISE EXCEPTION 'the range % to % ends before it starts', from_date, to_date
			USING ERRCODE = 'invalid_parameter_value';
	END IF;

	-- An account with a Date Range export of exactly this range is answered
	-- from it, unless weeks or months tile the range and the account has
	-- some of them stored: those come first, as they have a prior range to
	-- compare with.  Decided per account: another account may have only
	-- the weeks or months.
	tiled_by := CASE WHEN starts_month AND to_date = (date_trunc('month', to_date) + interval '1 month - 1 day')::date
					 THEN 'Monthly'
					 WHEN starts_week AND extract(dow FROM to_date) = 6 THEN 'Weekly' END;
	RETURN QUERY
	SELECT d.account_id, 'Date Range'::text, from_date, to_date, 1, 1::bigint, false,
		from_date - (to_date - from_date + 1), from_date - 1,
		d.unique_active_users, p.unique_active_users,
		round(uanalytics.pct_change(d.unique_active_users, p.unique_active_users), 1),
		d.total_messages, p.total_messages, round(uanalytics.pct_change(d.total_messages, p.total_messages), 1),
		d.gpt_messages, p.gpt_messages, round(uanalytics.pct_change(d.gpt_messages, p.gpt_messages), 1),
		d.tool_messages, p.tool_messages, round(uanalytics.pct_change(d.tool_messages, p.tool_messages), 1)
	FROM uanalytics.date_ranges AS d
	LEFT JOIN uanalytics.date_ranges AS p
		ON (p.account_id, p.period_start, p.period_end)
		 = (d.account_id, from_date - (to_date - from_date + 1), from_date - 1)
	WHERE (d.period_start, d.period_end) = (from_date, to_date)
	  AND NOT EXISTS (SELECT FROM uanalytics.user_period_totals AS t
					  WHERE t.account_id = d.account_id AND t.cadence = tiled_by
						AND t.period_start BETWEEN from_date AND to_date)
	ORDER BY d.account_id;
	IF FOUND AND tiled_by IS NULL THEN
		RETURN;
	END IF;

	-- whole calendar months, else whole Sunday-Saturday weeks
	IF tiled_by = 'Monthly' THEN
		range_cadence := 'Monthly';
		nperiods := (extract(year FROM to_date) - extract(year FROM from_date)) * 12
			+ extract(month FROM to_date) - extract(month FROM from_date) + 1;
		prior_start := (from_date - make_interval(months => nperiods))::date;
	ELSIF tiled_by = 'Weekly' THEN
		range_cadence := 'Weekly';
		nperiods := (to_date - from_date + 1) / 7;
		prior_start := from_date - 7 * nperiods;
	ELSIF starts_month OR starts_week THEN
		-- The range starts a period but ends inside one: most often its end
		-- was given as the day after it (2025-10-01 for a range to September).
		IF starts_month THEN
			month_end := CASE WHEN to_date = date_trunc('month', to_date)::date AND to_date > from_date
							  THEN to_date - 1
							  ELSE (date_trunc('month', to_date) + interval '1 month - 1 day')::date END;
		END IF;
		IF starts_week THEN
			week_end := CASE WHEN extract(dow FROM to_date) = 0 AND to_date > from_date
							 THEN to_date - 1
							 ELSE to_date + (6 - extract(dow FROM to_date))::integer END;
		END IF;
		RAISE EXCEPTION 'to_date % is not the last day of %; did you mean %?', to_date,
			CASE WHEN week_end IS NULL THEN 'a month' WHEN month_end IS NULL THEN 'a week' ELSE 'a month or a week' END,
			CASE WHEN week_end IS NULL THEN month_end::text WHEN month_end IS NULL THEN week_end::text
				 ELSE format('%s (months) or %s (weeks)', month_end, week_end) END
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = format('A range includes its last day: from_date %s %s, so to_date must be %s.', from_date,
					  CASE WHEN week_end IS NULL THEN 'starts a month' WHEN month_end IS NULL THEN 'is a Sunday'
						   ELSE 'starts a month and is a Sunday' END,
					  CASE WHEN week_end IS NULL THEN 'the last day of a month'
						   WHEN month_end IS NULL THEN 'a Saturday (weeks run Sunday to Saturday)'
						   ELSE 'the last day of a month or a Saturday' END);
	ELSE
		RAISE EXCEPTION 'the range % to % is neither whole calendar months nor whole weeks, and no Date Range export of it is stored', from_date, to_date
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Give the first day of a month and the last day of a month (monthly reports), '
					  || 'or a Sunday and a Saturday (weekly reports: weeks run Sunday to Saturday), '
					  || 'or load a Date Range export of exactly this range (uanalytics.date_ranges lists those stored).';
	END IF;

	-- A period missing from the range would leave the sums of the others
	-- looking like the whole range's.  Checked for each account with at least
	-- one period of the range stored.
	IF NOT allow_gaps THEN
		SELECT string_agg(format('%s has no %s user report for %s', m.account_id, lower(range_cadence), m.periods),
						  '; ' ORDER BY m.account_id)
		INTO missing
		FROM (
			SELECT g.account_id,
				string_agg(g.label, ', ' ORDER BY g.period_start) FILTER (WHERE g.n <= 6)
				|| CASE WHEN count(*) > 6 THEN format(' and %s more', count(*) - 6) ELSE '' END AS periods
			FROM (
				SELECT a.account_id, s.period_start,
					CASE range_cadence WHEN 'Monthly' THEN to_char(s.period_start, 'FMMonth YYYY')
						 ELSE 'the week of ' || s.period_start::date END AS label,
					row_number() OVER (PARTITION BY a.account_id ORDER BY s.period_start) AS n
				FROM (SELECT DISTINCT t.account_id
					  FROM uanalytics.user_period_totals AS t
					  WHERE t.cadence = range_cadence AND t.period_start BETWEEN from_date AND to_date) AS a
				CROSS JOIN generate_series(from_date, to_date, CASE range_cadence WHEN 'Monthly' THEN interval '1 month'
																			   ELSE interval '7 days' END) AS s(period_start)
				WHERE NOT EXISTS (
					SELECT FROM uanalytics.user_period_totals AS t
					WHERE (t.account_id, t.cadence, t.period_start) = (a.account_id, range_cadence, s.period_start::date))
			) AS g
			GROUP BY g.account_id
		) AS m;
		IF missing IS NOT NULL THEN
			RAISE EXCEPTION 'the range % to % is not stored whole: %', from_date, to_date, missing
				USING ERRCODE = 'object_not_in_prerequisite_state',
					  DETAIL = 'Its numbers would count only the stored periods, as if they were the whole range.',
					  HINT = 'Load the missing exports, or pass allow_gaps => true to count the stored periods only '
						  || '(periods_stored then says how many there are).';
		END IF;
	END IF;

	RETURN QUERY
	WITH period_sums AS (
		-- the periods of the two ranges that are stored, and their sums
		SELECT t.account_id,
			t.period_start >= from_date AS in_range,
			count(*) AS periods_stored,
			count(*) FILTER (WHERE NOT t.is_partial) AS periods_complete,
			bool_or(t.is_partial) AS includes_partial,
			sum(t.total_messages)::bigint AS total_messages,
			sum(t.gpt_messages)::bigint AS gpt_messages,
			sum(t.tool_messages)::bigint AS tool_messages
		FROM uanalytics.user_period_totals AS t
		WHERE t.cadence = range_cadence AND t.period_start BETWEEN prior_start AND to_date
		GROUP BY t.account_id, t.period_start >= from_date
	),
	range_active AS (
		-- the rows themselves: a user active in several periods counts once
		SELECT u.account_id,
			u.period_start >= from_date AS in_range,
			uanalytics.unique_active_users(u.public_id, u.is_active) AS unique_active_users
		FROM uanalytics.user_engagement AS u
		WHERE u.cadence = range_cadence AND u.period_start BETWEEN prior_start AND to_date
		GROUP BY u.account_id, u.period_start >= from_date
	),
	-- The two are put together, and the range set beside the prior one
	-- below, by grouping, never by joining: right after a load, before
	-- ANALYZE, the planner takes each side for one row and joined them by
	-- nested loops
	-- (doc/benchmarks.md#grouping-instead-of-joining-in-the-range-overview).
	ranges AS (
		SELECT x.account_id, x.in_range,
			sum(x.periods_stored)::bigint AS periods_stored,
			sum(x.periods_complete)::bigint AS periods_complete,
			bool_or(x.includes_partial) AS includes_partial,
			sum(x.total_messages)::bigint AS total_messages,
			sum(x.gpt_messages)::bigint AS gpt_messages,
			sum(x.tool_messages)::bigint AS tool_messages,
			coalesce(sum(x.unique_active_users), 0)::bigint AS unique_active_users
		FROM (SELECT s.account_id, s.in_range, s.periods_stored, s.periods_complete, s.includes_partial,
					 s.total_messages, s.gpt_messages, s.tool_messages, NULL::bigint AS unique_active_users
			  FROM period_sums AS s
			  UNION ALL
			  SELECT a.account_id, a.in_range, 0, 0, NULL, NULL, NULL, NULL, a.unique_active_users
			  FROM range_active AS a) AS x
		GROUP BY x.account_id, x.in_range
		HAVING sum(x.periods_stored) > 0
	),
	pivot AS (
		-- the prior range counts only when every one of its periods is complete
		SELECT r.account_id,
			max(r.periods_stored) FILTER (WHERE r.in_range) AS periods_stored,
			bool_or(r.includes_partial) FILTER (WHERE r.in_range) AS includes_partial,
			max(r.unique_active_users) FILTER (WHERE r.in_range) AS uau,
			max(r.unique_active_users) FILTER (WHERE r.prior_ok) AS uau_prior,
			max(r.total_messages) FILTER (WHERE r.in_range) AS total,
			max(r.total_messages) FILTER (WHERE r.prior_ok) AS total_prior,
			max(r.gpt_messages) FILTER (WHERE r.in_range) AS gpt,
			max(r.gpt_messages) FILTER (WHERE r.prior_ok) AS gpt_prior,
			max(r.tool_messages) FILTER (WHERE r.in_range) AS tool,
			max(r.tool_messages) FILTER (WHERE r.prior_ok) AS tool_prior
		FROM (SELECT ranges.*, NOT ranges.in_range AND ranges.periods_complete = nperiods AS prior_ok
			  FROM ranges) AS r
		GROUP BY r.account_id
		HAVING bool_or(r.in_range)
	)
	SELECT p.account_id, range_cadence, from_date, to_date, nperiods, p.periods_stored, p.includes_partial,
		prior_start, from_date - 1,
		p.uau, p.uau_prior, round(uanalytics.pct_change(p.uau, p.uau_prior), 1),
		p.total, p.total_prior, round(uanalytics.pct_change(p.total, p.total_prior), 1),
		p.gpt, p.gpt_prior, round(uanalytics.pct_change(p.gpt, p.gpt_prior), 1),
		p.tool, p.tool_prior, round(uanalytics.pct_change(p.tool, p.tool_prior), 1)
	FROM pivot AS p
	ORDER BY p.account_id;
END
$$;

COMMENT ON FUNCTION uanalytics.overview_between(date, date, boolean) IS 'The Overview numbers for any range that whole calendar months tile (from monthly reports) or else whole Sunday-Saturday weeks tile (from weekly reports), or, for an account without those weeks or months, that a stored Date Range export covers exactly (cadence Date Range; its prior columns come from a Date Range export of the equally long range just before, NULL when none is stored), one row per account with data in the range, each user counted once, compared with the equally long range just before it.  to_date is the range''s last day (2025-09-30, not 2025-10-01).  A range in which an account lacks a month or week is refused, naming the missing periods, unless allow_gaps is true; any other range is an error that says which ranges work.';
