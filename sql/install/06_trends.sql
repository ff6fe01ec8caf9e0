-- uanalytics install script, part 6: tool and model trends (doc/overview.md,
-- Tools and models), from the {name: count} maps of the User report.
--
-- One row per key of the maps, per complete period, beside the same key in
-- the prior period.  Both periods are read whole through the period index
-- (a lateral subquery per period), so WHERE account_id, cadence and
-- period_start on the view read two periods' rows, not the table.  A key
-- found only in the prior period gets a row with 0 messages: a tool that
-- stopped being used (or was renamed: "Data analysis", "Data Analysis") is
-- the change an analyst looks for.  A period whose export carries no counts
-- in the map (early-2025 exports have no map columns) has no rows, and
-- counts as no prior period.

CREATE VIEW uanalytics.tool_usage AS
SELECT c.account_id, c.cadence, c.period_start, c.period_end, c.is_partial,
	CASE WHEN k.prior_total IS NOT NULL THEN pp.prior_period_start END AS prior_period_start,
	k.key AS tool,
	coalesce(k.messages, 0) AS messages,
	k.users,
	round(100 * coalesce(k.messages, 0) / NULLIF(k.total, 0), 1) AS share_of_messages,
	k.messages_prior,
	round(uanalytics.pct_change(coalesce(k.messages, 0), k.messages_prior), 1) AS messages_pct_change,
	k.users_prior,
	round(uanalytics.pct_change(k.users, k.users_prior), 1) AS users_pct_change
FROM uanalytics.user_period_totals AS c
JOIN uanalytics.prior_periods AS pp
	ON (pp.account_id, pp.kind, pp.cadence, pp.period_start) = (c.account_id, 'users', c.cadence, c.period_start)
CROSS JOIN LATERAL (
	SELECT m.key,
		sum(m.cur)::bigint AS messages,
		count(m.cur) AS users,
		sum(m.prior)::bigint AS messages_prior,
		NULLIF(count(m.prior), 0) AS users_prior,
		sum(sum(m.cur)) OVER () AS total,
		sum(sum(m.prior)) OVER () AS prior_total
	FROM (
		SELECT e.key, e.value::numeric AS cur, NULL::numeric AS prior
		FROM uanalytics.user_engagement AS u
		CROSS JOIN LATERAL pg_catalog.jsonb_each(u.tool_to_messages) AS e
		WHERE (u.account_id, u.cadence, u.period_start) = (c.account_id, c.cadence, c.period_start)
		UNION ALL
		SELECT e.key, NULL, e.value::numeric
		FROM uanalytics.user_engagement AS u
		CROSS JOIN LATERAL pg_catalog.jsonb_each(u.tool_to_messages) AS e
		WHERE (u.account_id, u.cadence, u.period_start) = (c.account_id, c.cadence, pp.prior_period_start)
	) AS m
	GROUP BY m.key
) AS k
WHERE NOT c.is_partial
  AND k.total IS NOT NULL;

COMMENT ON VIEW uanalytics.tool_usage IS 'Messages per tool (the keys of tool_to_messages): one row per account, cadence, complete period and tool, compared with the prior complete period.  A tool used in the prior period and not in this one has a row with 0 messages and 0 users; a period whose export has no tool counts has no rows.  Tool names are as exported, case kept.';
COMMENT ON COLUMN uanalytics.tool_usage.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.tool_usage.cadence IS 'Weekly or Monthly.';
COMMENT ON COLUMN uanalytics.tool_usage.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.tool_usage.period_end IS 'Last day of the period.';
COMMENT ON COLUMN uanalytics.tool_usage.is_partial IS 'Always false: partial exports have no tool counts.';
COMMENT ON COLUMN uanalytics.tool_usage.prior_period_start IS 'First day of the prior period the _prior columns come from: the complete period at prior_period_start(cadence, period_start); NULL when it is not stored, only partially, or its export has no tool counts.';
COMMENT ON COLUMN uanalytics.tool_usage.tool IS 'Tool name as exported (Search, Data Analysis, Deep Research, ...); spellings that differ in case are different tools.';
COMMENT ON COLUMN uanalytics.tool_usage.messages IS 'Sum of the tool''s count in tool_to_messages over the period''s users; 0 when only the prior period has the tool.';
COMMENT ON COLUMN uanalytics.tool_usage.users IS 'Users whose tool_to_messages holds the tool; 0 when only the prior period has it.';
COMMENT ON COLUMN uanalytics.tool_usage.share_of_messages IS '100 * messages / the messages of every tool in the period (the sum of the tool_to_messages values, not tool_messages), one decimal.';
COMMENT ON COLUMN uanalytics.tool_usage.messages_prior IS 'messages of the same tool in the prior period; NULL when the tool was not used then (new) or there is no prior period (prior_period_start NULL).';
COMMENT ON COLUMN uanalytics.tool_usage.messages_pct_change IS 'Percent change of messages from messages_prior, one decimal (pct_change); -100.0 for a tool no longer used, NULL for a new one.';
COMMENT ON COLUMN uanalytics.tool_usage.users_prior IS 'users of the same tool in the prior period; NULL as messages_prior.';
COMMENT ON COLUMN uanalytics.tool_usage.users_pct_change IS 'Percent change of users from users_prior, one decimal (pct_change).';

CREATE VIEW uanalytics.model_usage AS
SELECT c.account_id, c.cadence, c.period_start, c.period_end, c.is_partial,
	CASE WHEN k.prior_total IS NOT NULL THEN pp.prior_period_start END AS prior_period_start,
	k.key AS model,
	coalesce(k.messages, 0) AS messages,
	k.users,
	round(100 * coalesce(k.messages, 0) / NULLIF(k.total, 0), 1) AS share_of_messages,
	k.messages_prior,
	round(uanalytics.pct_change(coalesce(k.messages, 0), k.messages_prior), 1) AS messages_pct_change,
	k.users_prior,
	round(uanalytics.pct_change(k.users, k.users_prior), 1) AS users_pct_change
FROM uanalytics.user_period_totals AS c
JOIN uanalytics.prior_periods AS pp
	ON (pp.account_id, pp.kind, pp.cadence, pp.period_start) = (c.account_id, 'users', c.cadence, c.period_start)
CROSS JOIN LATERAL (
	SELECT m.key,
		sum(m.cur)::bigint AS messages,
		count(m.cur) AS users,
		sum(m.prior)::bigint AS messages_prior,
		NULLIF(count(m.prior), 0) AS users_prior,
		sum(sum(m.cur)) OVER () AS total,
		sum(sum(m.prior)) OVER () AS prior_total
	FROM (
		SELECT e.key, e.value::numeric AS cur, NULL::numeric AS prior
		FROM uanalytics.user_engagement AS u
		CROSS JOIN LATERAL pg_catalog.jsonb_each(u.model_to_messages) AS e
		WHERE (u.account_id, u.cadence, u.period_start) = (c.account_id, c.cadence, c.period_start)
		UNION ALL
		SELECT e.key, NULL, e.value::numeric
		FROM uanalytics.user_engagement AS u
		CROSS JOIN LATERAL pg_catalog.jsonb_each(u.model_to_messages) AS e
		WHERE (u.account_id, u.cadence, u.period_start) = (c.account_id, c.cadence, pp.prior_period_start)
	) AS m
	GROUP BY m.key
) AS k
WHERE NOT c.is_partial
  AND k.total IS NOT NULL;

COMMENT ON VIEW uanalytics.model_usage IS 'Messages per model (the keys of model_to_messages): one row per account, cadence, complete period and model, compared with the prior complete period.  A model used in the prior period and not in this one has a row with 0 messages and 0 users; a period whose export has no model counts has no rows.  Model names are as exported.';
COMMENT ON COLUMN uanalytics.model_usage.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.model_usage.cadence IS 'Weekly or Monthly.';
COMMENT ON COLUMN uanalytics.model_usage.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.model_usage.period_end IS 'Last day of the period.';
COMMENT ON COLUMN uanalytics.model_usage.is_partial IS 'Always false: partial exports have no model counts.';
COMMENT ON COLUMN uanalytics.model_usage.prior_period_start IS 'First day of the prior period the _prior columns come from: the complete period at prior_period_start(cadence, period_start); NULL when it is not stored, only partially, or its export has no model counts.';
COMMENT ON COLUMN uanalytics.model_usage.model IS 'Model name as exported (gpt-5, gpt-5-reasoning, gpt-4o, o3, ...).';
COMMENT ON COLUMN uanalytics.model_usage.messages IS 'Sum of the model''s count in model_to_messages over the period''s users; 0 when only the prior period has the model.';
COMMENT ON COLUMN uanalytics.model_usage.users IS 'Users whose model_to_messages holds the model; 0 when only the prior period has it.';
COMMENT ON COLUMN uanalytics.model_usage.share_of_messages IS '100 * messages / the messages of every model in the period (the sum of the model_to_messages values), one decimal.';
COMMENT ON COLUMN uanalytics.model_usage.messages_prior IS 'messages of the same model in the prior period; NULL when the model was not used then (new) or there is no prior period (prior_period_start NULL).';
COMMENT ON COLUMN uanalytics.model_usage.messages_pct_change IS 'Percent change of messages from messages_prior, one decimal (pct_change); -100.0 for a model no longer used, NULL for a new one.';
COMMENT ON COLUMN uanalytics.model_usage.users_prior IS 'users of the same model in the prior period; NULL as messages_prior.';
COMMENT ON COLUMN uanalytics.model_usage.users_pct_change IS 'Percent change of users from users_prior, one decimal (pct_change).';
