-- uanalytics install script, part 7: the Users tab's cards per seat type
-- (2026 exports of eligible workspaces hold seat_type: ChatGPT, Codex,
-- Automation).

CREATE VIEW uanalytics.seat_types AS
SELECT u.account_id, u.cadence, u.period_start, u.period_end, u.is_partial, u.seat_type,
	count(*) FILTER (WHERE u.user_status = 'enabled') AS claimed_seats,
	count(DISTINCT u.public_id) FILTER (WHERE u.is_active) AS active_users,
	count(*) FILTER (WHERE u.user_status = 'pending') AS pending_invites,
	count(*) AS users
FROM uanalytics.user_engagement AS u
GROUP BY u.account_id, u.cadence, u.period_start, u.period_end, u.is_partial, u.seat_type;

COMMENT ON VIEW uanalytics.seat_types IS 'The Users tab''s cards per seat type: one row per account, cadence, period and seat_type present in the period''s User Engagement export (NULL included: exports without the column, pending users), counted as users_summary counts.';
COMMENT ON COLUMN uanalytics.seat_types.account_id IS 'Workspace account id.';
COMMENT ON COLUMN uanalytics.seat_types.cadence IS 'Weekly, Monthly or Date Range.';
COMMENT ON COLUMN uanalytics.seat_types.period_start IS 'First day of the period.';
COMMENT ON COLUMN uanalytics.seat_types.period_end IS 'Last day of the period.';
COMMENT ON COLUMN uanalytics.seat_types.is_partial IS 'True for the current, incomplete period of a partial export.';
COMMENT ON COLUMN uanalytics.seat_types.seat_type IS 'ChatGPT, Codex or Automation as exported (other values kept as given); NULL where the export has none.';
COMMENT ON COLUMN uanalytics.seat_types.claimed_seats IS 'Users of this seat type enabled as of period end (as users_summary.claimed_seats).';
COMMENT ON COLUMN uanalytics.seat_types.active_users IS 'Distinct users of this seat type who sent a message in the period (as users_summary.active_users).';
COMMENT ON COLUMN uanalytics.seat_types.pending_invites IS 'Pending users of this seat type (as users_summary.pending_invites).';
COMMENT ON COLUMN uanalytics.seat_types.users IS 'Rows of the period with this seat type: every listed user, pending and deleted included.';
