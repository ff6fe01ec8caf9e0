/*
 * functions.c
 *		Scalar helpers of the dashboard views: pct_change and
 *		prior_period_start.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"
#include "utils/timestamp.h"

/* the varlena macros (VARDATA_ANY, ...) moved to varatt.h in PostgreSQL 16 */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

#include "values.h"

/*
 * pct_change(current numeric, prior numeric): 100 * (current - prior) /
 * prior, NULL when prior is 0 (the function is strict for NULLs).  The
 * scale is whatever numeric division gives that expression, at least 16
 * significant digits; the views round for display.
 */
PG_FUNCTION_INFO_V1(uanalytics_pct_change);
Datum
uanalytics_pct_change(PG_FUNCTION_ARGS)
{
	Numeric		current = PG_GETARG_NUMERIC(0);
	Numeric		prior = PG_GETARG_NUMERIC(1);
	Datum		zero = DirectFunctionCall1(int4_numeric, Int32GetDatum(0));
	Datum		hundred = DirectFunctionCall1(int4_numeric, Int32GetDatum(100));
	Numeric		change;

	if (DatumGetBool(DirectFunctionCall2(numeric_eq, NumericGetDatum(prior), zero)))
		PG_RETURN_NULL();

	change = numeric_sub_opt_error(current, prior, NULL);
	change = numeric_mul_opt_error(DatumGetNumeric(hundred), change, NULL);
	PG_RETURN_NUMERIC(numeric_div_opt_error(change, prior, NULL));
}

/*
 * prior_period_start(cadence text, period_start date): the start of the
 * period before, 7 days earlier for weeks and one calendar month earlier
 * for months; NULL for a Date Range.  The cadence is read as the loader
 * reads the exports' (values.c): any case, and the partial cadences as
 * their complete ones.
 */
PG_FUNCTION_INFO_V1(uanalytics_prior_period_start);
Datum
uanalytics_prior_period_start(PG_FUNCTION_ARGS)
{
	text	   *cadence = PG_GETARG_TEXT_PP(0);
	DateADT		start = PG_GETARG_DATEADT(1);
	bool		is_partial;
	Interval	month = {0};
	Datum		timestamp;

	switch (ua_parse_cadence(VARDATA_ANY(cadence), VARSIZE_ANY_EXHDR(cadence), &is_partial))
	{
		case UA_CADENCE_WEEKLY:
			return DirectFunctionCall2(date_mii, DateADTGetDatum(start), Int32GetDatum(7));
		case UA_CADENCE_MONTHLY:
			break;
		case UA_CADENCE_DATE_RANGE:
			/* a custom range has no equivalent period before it */
			PG_RETURN_NULL();
		default:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unknown cadence \"%s\"", text_to_cstring(cadence)),
					 errhint("The cadence is Weekly, Monthly, Partial Weekly, Partial Monthly or Date Range.")));
	}

	/* date - interval clamps to the month's last day, as SQL does */
	month.month = 1;
	timestamp = DirectFunctionCall2(date_mi_interval, DateADTGetDatum(start),
									IntervalPGetDatum(&month));
	return DirectFunctionCall1(timestamp_date, timestamp);
}
