-- uanalytics 0.1.0 -> 0.2.0
-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION uanalytics UPDATE TO '0.2.0'" to load this file. \quit


-- accounts, overview_between gaps, tool and model trends, users columns
--
-- Each object is written here as sql/install/ writes it, so that an updated
-- database has exactly what a fresh install of 0.2.0 has.

-- users gains four columns at its end; no view or function of 0.1.0 depends
-- on it, and CREATE OR REPLACE VIEW keeps its grants and comments.
CREATE OR REPLACE VIEW uanalytics.users AS
SELECT u.account_id, u.cadence, u.period_start, u.period_end, u.is_partial,
	u.public_id, u.name, u.email, u.role, u.user_role, u.user_status, u.department,
	u.is_active, u.messages, u.gpt_messages, u.tool_messages, u.messages_rank, u.last_day_active,
	prior.messages AS messages_prior,
	round(uanalytics.pct_change(u.messages, prior.messages), 1) AS messages_pct_change,
	u.gpts_messaged, u.tools_messaged, u.project_messages, u.projects_messaged
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

COMMENT ON COLUMN uanalytics.users.gpts_messaged IS 'Distinct custom GPTs the user messaged in the period; NULL for pending users, in partial periods and where the export has no value.';
COMMENT ON COLUMN uanalytics.users.tools_messaged IS 'Distinct tools the user used in the period; NULL for pending users, in partial periods and where the export has no value.';
COMMENT ON COLUMN uanalytics.users.project_messages IS 'Messages in projects in the period; NULL for pending users and in exports without the column.';
COMMENT ON COLUMN uanalytics.users.projects_messaged IS 'Distinct projects the user messaged in during the period; NULL for pending users, in partial periods and in exports without the column.';
