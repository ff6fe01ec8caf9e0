/*
 * surveys.c
 *		What a load of an Impact survey report replaces.
 *
 * The survey report has no periods: one row per answer, each with the day
 * it was recorded (date_partition).  A load replaces, per workspace and
 * survey, the stored answers whose date_partition lies between the file's
 * first and last date_partition of that survey; answers outside that range
 * stay, so that exports of a survey's first and second halves add up, and
 * an export of an overlapping range wins where they overlap.
 *
 * As a complete period is not replaced by fewer rows, a range whose stored
 * answers outnumber the file's is refused unless the caller says force: a
 * file cut off at a line break, or filtered, looks just like that.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "load.h"

/* Widens the range of a survey's answers in this file by one answer. */
void
ua_note_survey_row(LoadState *st, const char *workspace, const char *survey, DateADT date)
{
	SurveyRange *r = st->last_survey;
	ListCell   *lc;
	MemoryContext oldcxt;

	if (r == NULL || strcmp(r->survey_id, survey) != 0 || strcmp(r->workspace_id, workspace) != 0)
	{
		r = NULL;
		foreach(lc, st->surveys)
		{
			SurveyRange *s = (SurveyRange *) lfirst(lc);

			if (strcmp(s->survey_id, survey) == 0 && strcmp(s->workspace_id, workspace) == 0)
				r = s;
		}
	}
	if (r == NULL)
	{
		oldcxt = MemoryContextSwitchTo(st->loadcxt);
		r = palloc0(sizeof(SurveyRange));
		r->workspace_id = pstrdup(workspace);
		r->survey_id = pstrdup(survey);
		r->first = r->last = date;
		st->surveys = lappend(st->surveys, r);
		MemoryContextSwitchTo(oldcxt);
	}
	st->last_survey = r;
	if (date < r->first)
		r->first = date;
	if (date > r->last)
		r->last = date;
	r->rows++;
}

/* The stored answers of earlier loads in a survey's range: counted, or deleted. */
static uint64
range_answers(LoadState *st, SurveyRange *r, bool delete)
{
	Oid			types[5] = {TEXTOID, TEXTOID, DATEOID, DATEOID, INT8OID};
	Datum		args[5];
	bool		isnull;
	int64		n;
	const char *where = "WHERE workspace_id = $1 AND survey_id = $2 "
		"AND date_partition BETWEEN $3 AND $4 AND load_id <> $5";

	args[0] = CStringGetTextDatum(r->workspace_id);
	args[1] = CStringGetTextDatum(r->survey_id);
	args[2] = DateADTGetDatum(r->first);
	args[3] = DateADTGetDatum(r->last);
	args[4] = Int64GetDatum(st->load_id);
	if (delete)
		return ua_run_sql(psprintf("DELETE FROM uanalytics.survey_answers %s", where),
						  5, types, args, NULL, SPI_OK_DELETE);
	ua_run_sql(psprintf("SELECT count(*) FROM uanalytics.survey_answers %s", where),
			   5, types, args, NULL, SPI_OK_SELECT);
	n = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	SPI_freetuptable(SPI_tuptable);
	return (uint64) n;
}

/*
 * After the last answer: refuses a range replaced by fewer answers (unless
 * force), then deletes the earlier loads' answers of every range.
 */
void
ua_finish_surveys(LoadState *st)
{
	ListCell   *lc;

	foreach(lc, st->surveys)
	{
		SurveyRange *r = (SurveyRange *) lfirst(lc);
		int64		stored;

		if (st->force)
			break;				/* the caller says the file is right */
		stored = (int64) range_answers(st, r, false);
		if (stored <= r->rows)
			continue;
		ua_file_error(st, ERRCODE_BAD_COPY_FILE_FORMAT,
					  psprintf("survey %s of workspace %s has " INT64_FORMAT " answers stored from %s to %s; this file has " INT64_FORMAT,
							   r->survey_id, r->workspace_id, stored, ua_date_text(r->first),
							   ua_date_text(r->last), r->rows),
					  st->rows_rejected > 0
					  ? psprintf("A survey's answers are not replaced by fewer answers: a cut-off or filtered file looks just like that, and so does one whose bad records were skipped (" INT64_FORMAT " here).  Nothing of it was loaded.",
								 st->rows_rejected)
					  : "A survey's answers are not replaced by fewer answers: a cut-off or filtered file looks just like that.  Nothing of it was loaded.",
					  "If this file is right all the same (answers were removed), load it by itself with force => true; forcing a whole directory would force its older files too.");
	}
	foreach(lc, st->surveys)
	{
		SurveyRange *r = (SurveyRange *) lfirst(lc);

		r->replaced = (int64) range_answers(st, r, true);
		st->rows_replaced += r->replaced;
	}
}
