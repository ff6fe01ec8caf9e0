/*
 * agg_person.c
 *		person_summary(...): what uanalytics.people shows of a person, from
 *		all of the person's stored user_engagement rows, in one pass.
 *
 * A person's rows arrive in any order (a parallel plan splits them between
 * processes), so the state keeps, besides minimums, maximums and a sum,
 * the sort keys of the earliest and of the latest row seen, with what the
 * people view takes from each (doc/adoption.md):
 *
 *	 earliest	smallest period_start, then period_end, cadence and
 *				public_id: its last_day_active and created_or_invited_date
 *				decide first_use_known;
 *	 latest		greatest period_end, then an enabled row, then the latest
 *				created_or_invited_date (none last), the greatest
 *				period_start and cadence, then the smallest public_id: its
 *				email, name, department, groups, user_role, user_status and
 *				seat_type.
 *
 * Cadences and public_ids compare as bytes.  The complete months in which
 * the person was active are kept as a sorted set, so that two public_ids
 * of one person active in the same month count it once.  The latest row's
 * values are copied only when a row takes its place.
 */
#include "postgres.h"

#include "agg.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datum.h"

/* The latest row's values, in the order of the result's last columns */
enum
{
	ATTR_EMAIL, ATTR_NAME, ATTR_DEPARTMENT, ATTR_GROUPS, ATTR_ROLE, ATTR_STATUS,
	ATTR_SEAT_TYPE, NUM_ATTRS
};

/* A row's place in either order */
typedef struct PersonRowKey
{
	DateADT		start;
	DateADT		end;
	bool		enabled;
	bool		has_created;
	DateADT		created;
	bool		has_last;		/* last_day_active (earliest row only) */
	DateADT		last;
	text	   *cadence;		/* copied */
	text	   *public_id;		/* copied */
} PersonRowKey;

typedef struct PersonState
{
	bool		has_created;
	DateADT		created;
	bool		has_first_active;
	DateADT		first_active;
	bool		has_last_active;
	DateADT		last_active;
	bool		has_rows;
	PersonRowKey earliest;
	PersonRowKey latest;
	Datum		attrs[NUM_ATTRS];	/* the latest row's, in attr_buf */
	bool		attr_null[NUM_ATTRS];
	char	   *attr_buf;		/* one chunk for the seven, reused */
	Size		attr_cap;
	bool		has_messages;
	int64		messages;
	AggMonths	months;			/* complete months active, sorted */
} PersonState;

/* The transition function's arguments */
enum
{
	ARG_START = 1, ARG_END, ARG_CADENCE, ARG_PARTIAL, ARG_PUBLIC_ID, ARG_CREATED,
	ARG_ACTIVE, ARG_FIRST_DAY, ARG_LAST_DAY, ARG_MESSAGES, ARG_STATUS, ARG_EMAIL,
	ARG_NAME, ARG_DEPARTMENT, ARG_GROUPS, ARG_ROLE, ARG_SEAT_TYPE
};

static int
compare_text(const text *a, const text *b)
{
	return agg_compare_bytes(VARDATA_ANY(a), VARSIZE_ANY_EXHDR(a), VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b));
}

#define CMP(a, b) (((a) > (b)) - ((a) < (b)))

/* < 0 when a is earlier than b in the order of the earliest row */
static int
compare_earliest(const PersonRowKey *a, const PersonRowKey *b)
{
	int			c = CMP(a->start, b->start);

	if (c == 0)
		c = CMP(a->end, b->end);
	if (c == 0)
		c = compare_text(a->cadence, b->cadence);
	if (c == 0)
		c = compare_text(a->public_id, b->public_id);
	return c;
}

/* > 0 when a comes before b in the order of the latest row */
static int
compare_latest(const PersonRowKey *a, const PersonRowKey *b)
{
	int			c = CMP(a->end, b->end);

	if (c == 0)
		c = CMP(a->enabled, b->enabled);
	if (c == 0)
		c = CMP(a->has_created, b->has_created);
	if (c == 0 && a->has_created)
		c = CMP(a->created, b->created);
	if (c == 0)
		c = CMP(a->start, b->start);
	if (c == 0)
		c = compare_text(a->cadence, b->cadence);
	if (c == 0)
		c = -compare_text(a->public_id, b->public_id);
	return c;
}

/* Makes key the state's earliest or latest row key, copying its texts */
static void
set_key(PersonRowKey *dst, const PersonRowKey *src)
{
	text	   *old_cadence = dst->cadence;
	text	   *old_id = dst->public_id;
	bool		same_cadence = old_cadence && compare_text(old_cadence, src->cadence) == 0;
	bool		same_id = old_id && compare_text(old_id, src->public_id) == 0;

	*dst = *src;
	if (same_cadence)
		dst->cadence = old_cadence;
	else
	{
		dst->cadence = DatumGetTextPCopy(PointerGetDatum(src->cadence));
		if (old_cadence)
			pfree(old_cadence);
	}
	if (same_id)
		dst->public_id = old_id;
	else
	{
		dst->public_id = DatumGetTextPCopy(PointerGetDatum(src->public_id));
		if (old_id)
			pfree(old_id);
	}
}

/*
 * Copies the latest row's values into the state, all seven in one chunk
 * (each with a 4-byte header, aligned), which is reused when they fit: a
 * person's latest row changes with about every row read in load order.
 */
static void
set_attrs(PersonState *s, const Datum *values, const bool *nulls)
{
	struct varlena *plain[NUM_ATTRS];
	Size		need = 0;
	Size		off = 0;
	int			i;

	for (i = 0; i < NUM_ATTRS; i++)
	{
		plain[i] = nulls[i] ? NULL : pg_detoast_datum_packed((struct varlena *) DatumGetPointer(values[i]));
		if (plain[i])
			need += MAXALIGN(VARHDRSZ + VARSIZE_ANY_EXHDR(plain[i]));
	}
	if (need > s->attr_cap)
	{
		if (s->attr_buf)
			pfree(s->attr_buf);
		s->attr_cap = Max(need, 2 * s->attr_cap);
		s->attr_buf = palloc(s->attr_cap);
	}
	for (i = 0; i < NUM_ATTRS; i++)
	{
		struct varlena *v = (struct varlena *) (s->attr_buf + off);
		Size		len;

		s->attr_null[i] = plain[i] == NULL;
		s->attrs[i] = (Datum) 0;
		if (!plain[i])
			continue;
		len = VARSIZE_ANY_EXHDR(plain[i]);
		SET_VARSIZE(v, VARHDRSZ + len);
		memcpy(VARDATA(v), VARDATA_ANY(plain[i]), len);
		s->attrs[i] = PointerGetDatum(v);
		off += MAXALIGN(VARHDRSZ + len);
	}
}

static void
take_min(bool *has, DateADT *cur, bool has_new, DateADT value)
{
	if (has_new && (!*has || value < *cur))
	{
		*has = true;
		*cur = value;
	}
}

static void
take_max(bool *has, DateADT *cur, bool has_new, DateADT value)
{
	if (has_new && (!*has || value > *cur))
	{
		*has = true;
		*cur = value;
	}
}

/*
 * A row (or, from the combine function, another state's earliest and latest
 * rows) against the state's: the row's keys replace the state's when they
 * come first.
 */
static void
offer_rows(PersonState *s, const PersonRowKey *earliest, const PersonRowKey *latest,
		   const Datum *attrs, const bool *attr_null)
{
	if (!s->has_rows || compare_earliest(earliest, &s->earliest) < 0)
		set_key(&s->earliest, earliest);
	if (!s->has_rows || compare_latest(latest, &s->latest) > 0)
	{
		set_key(&s->latest, latest);
		set_attrs(s, attrs, attr_null);
	}
	s->has_rows = true;
}

static PersonState *
new_state(void)
{
	PersonState *s = palloc0(sizeof(PersonState));
	int			i;

	for (i = 0; i < NUM_ATTRS; i++)
		s->attr_null[i] = true;
	return s;
}

#define ARG_DATE(n, has) ((has) = !PG_ARGISNULL(n), (has) ? PG_GETARG_DATEADT(n) : 0)

PG_FUNCTION_INFO_V1(ua_person_summary_trans);
Datum
ua_person_summary_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = agg_memory_context(fcinfo, "person_summary_trans");
	MemoryContext oldcxt;
	PersonState *s;
	PersonRowKey key;
	Datum		attrs[NUM_ATTRS];
	bool		attr_null[NUM_ATTRS];
	bool		active = !PG_ARGISNULL(ARG_ACTIVE) && PG_GETARG_BOOL(ARG_ACTIVE);
	bool		complete_month;
	bool		has;
	DateADT		day;
	int			i;

	/* a row without its period or public_id is nobody's */
	if (PG_ARGISNULL(ARG_START) || PG_ARGISNULL(ARG_END) || PG_ARGISNULL(ARG_CADENCE) ||
		PG_ARGISNULL(ARG_PUBLIC_ID))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}

	oldcxt = MemoryContextSwitchTo(aggcontext);
	s = PG_ARGISNULL(0) ? new_state() : (PersonState *) PG_GETARG_POINTER(0);

	memset(&key, 0, sizeof(key));
	key.start = PG_GETARG_DATEADT(ARG_START);
	key.end = PG_GETARG_DATEADT(ARG_END);
	key.cadence = PG_GETARG_TEXT_PP(ARG_CADENCE);
	key.public_id = PG_GETARG_TEXT_PP(ARG_PUBLIC_ID);
	key.created = ARG_DATE(ARG_CREATED, key.has_created);
	key.last = ARG_DATE(ARG_LAST_DAY, key.has_last);
	if (!PG_ARGISNULL(ARG_STATUS))
	{
		text	   *status = PG_GETARG_TEXT_PP(ARG_STATUS);

		key.enabled = VARSIZE_ANY_EXHDR(status) == 7 &&
			memcmp(VARDATA_ANY(status), "enabled", 7) == 0;
	}

	take_min(&s->has_created, &s->created, key.has_created, key.created);
	take_max(&s->has_last_active, &s->last_active, key.has_last, key.last);
	day = ARG_DATE(ARG_FIRST_DAY, has);
	take_min(&s->has_first_active, &s->first_active, active && has, day);

	complete_month = !(PG_ARGISNULL(ARG_PARTIAL) || PG_GETARG_BOOL(ARG_PARTIAL)) &&
		VARSIZE_ANY_EXHDR(key.cadence) == 7 && memcmp(VARDATA_ANY(key.cadence), "Monthly", 7) == 0;
	if (complete_month && !PG_ARGISNULL(ARG_MESSAGES))
	{
		s->messages += PG_GETARG_INT32(ARG_MESSAGES);
		s->has_messages = true;
	}
	if (complete_month && active)
		agg_months_add(&s->months, key.start);

	for (i = 0; i < NUM_ATTRS; i++)
	{
		int			arg = i == ATTR_STATUS ? ARG_STATUS : ARG_EMAIL + i - (i > ATTR_STATUS);

		attr_null[i] = PG_ARGISNULL(arg);
		attrs[i] = attr_null[i] ? (Datum) 0 : PG_GETARG_DATUM(arg);
	}
	offer_rows(s, &key, &key, attrs, attr_null);

	MemoryContextSwitchTo(oldcxt);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(ua_person_summary_combine);
Datum
ua_person_summary_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = agg_memory_context(fcinfo, "person_summary_combine");
	MemoryContext oldcxt;
	PersonState *s;
	PersonState *o;
	int			i;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	o = (PersonState *) PG_GETARG_POINTER(1);
	oldcxt = MemoryContextSwitchTo(aggcontext);
	s = PG_ARGISNULL(0) ? new_state() : (PersonState *) PG_GETARG_POINTER(0);

	take_min(&s->has_created, &s->created, o->has_created, o->created);
	take_min(&s->has_first_active, &s->first_active, o->has_first_active, o->first_active);
	take_max(&s->has_last_active, &s->last_active, o->has_last_active, o->last_active);
	if (o->has_rows)
		offer_rows(s, &o->earliest, &o->latest, o->attrs, o->attr_null);
	if (o->has_messages)
	{
		s->messages += o->messages;
		s->has_messages = true;
	}
	for (i = 0; i < o->months.n; i++)
		agg_months_add(&s->months, o->months.days[i]);

	MemoryContextSwitchTo(oldcxt);
	PG_RETURN_POINTER(s);
}

static void
send_varlena(StringInfo buf, const void *v)
{
	pq_sendint32(buf, VARSIZE_ANY_EXHDR(v));
	pq_sendbytes(buf, VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v));
}

static struct varlena *
get_varlena(StringInfo buf)
{
	int			len = pq_getmsgint(buf, 4);
	struct varlena *v;

	if (len < 0 || len > buf->len - buf->cursor)
		elog(ERROR, "person_summary: invalid serialized state");
	v = palloc(len + VARHDRSZ);
	SET_VARSIZE(v, len + VARHDRSZ);
	memcpy(VARDATA(v), pq_getmsgbytes(buf, len), len);
	return v;
}

static void
send_date(StringInfo buf, bool has, DateADT day)
{
	pq_sendbyte(buf, has);
	pq_sendint32(buf, has ? day : 0);
}

static bool
get_date(StringInfo buf, DateADT *day)
{
	bool		has = pq_getmsgbyte(buf) != 0;

	*day = pq_getmsgint(buf, 4);
	return has;
}

static void
send_key(StringInfo buf, const PersonRowKey *k)
{
	pq_sendint32(buf, k->start);
	pq_sendint32(buf, k->end);
	pq_sendbyte(buf, k->enabled);
	send_date(buf, k->has_created, k->created);
	send_date(buf, k->has_last, k->last);
	send_varlena(buf, k->cadence);
	send_varlena(buf, k->public_id);
}

static void
get_key(StringInfo buf, PersonRowKey *k)
{
	k->start = pq_getmsgint(buf, 4);
	k->end = pq_getmsgint(buf, 4);
	k->enabled = pq_getmsgbyte(buf) != 0;
	k->has_created = get_date(buf, &k->created);
	k->has_last = get_date(buf, &k->last);
	k->cadence = (text *) get_varlena(buf);
	k->public_id = (text *) get_varlena(buf);
}

PG_FUNCTION_INFO_V1(ua_person_summary_serialize);
Datum
ua_person_summary_serialize(PG_FUNCTION_ARGS)
{
	PersonState *s = (PersonState *) PG_GETARG_POINTER(0);
	StringInfoData buf;
	int			i;

	agg_memory_context(fcinfo, "person_summary_serialize");
	pq_begintypsend(&buf);
	send_date(&buf, s->has_created, s->created);
	send_date(&buf, s->has_first_active, s->first_active);
	send_date(&buf, s->has_last_active, s->last_active);
	pq_sendbyte(&buf, s->has_rows);
	if (s->has_rows)
	{
		send_key(&buf, &s->earliest);
		send_key(&buf, &s->latest);
		for (i = 0; i < NUM_ATTRS; i++)
		{
			pq_sendbyte(&buf, s->attr_null[i]);
			if (!s->attr_null[i])
				send_varlena(&buf, DatumGetPointer(s->attrs[i]));
		}
	}
	pq_sendbyte(&buf, s->has_messages);
	pq_sendint64(&buf, s->messages);
	pq_sendint32(&buf, s->months.n);
	for (i = 0; i < s->months.n; i++)
		pq_sendint32(&buf, s->months.days[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(ua_person_summary_deserialize);
Datum
ua_person_summary_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *bytes = PG_GETARG_BYTEA_PP(0);
	PersonState *s;
	StringInfoData buf;
	int			n;
	int			i;

	agg_memory_context(fcinfo, "person_summary_deserialize");
	s = new_state();
	buf.data = VARDATA_ANY(bytes);
	buf.len = VARSIZE_ANY_EXHDR(bytes);
	buf.maxlen = buf.len;
	buf.cursor = 0;
	s->has_created = get_date(&buf, &s->created);
	s->has_first_active = get_date(&buf, &s->first_active);
	s->has_last_active = get_date(&buf, &s->last_active);
	s->has_rows = pq_getmsgbyte(&buf) != 0;
	if (s->has_rows)
	{
		get_key(&buf, &s->earliest);
		get_key(&buf, &s->latest);
		for (i = 0; i < NUM_ATTRS; i++)
		{
			s->attr_null[i] = pq_getmsgbyte(&buf) != 0;
			if (!s->attr_null[i])
				s->attrs[i] = PointerGetDatum(get_varlena(&buf));
		}
	}
	s->has_messages = pq_getmsgbyte(&buf) != 0;
	s->messages = pq_getmsgint64(&buf);
	n = pq_getmsgint(&buf, 4);
	if (n < 0 || n > (buf.len - buf.cursor) / 4)
		elog(ERROR, "person_summary: invalid serialized state");
	for (i = 0; i < n; i++)
		agg_months_add(&s->months, pq_getmsgint(&buf, 4));
	pq_getmsgend(&buf);
	PG_RETURN_POINTER(s);
}

/*
 * The result: created_or_invited_date, first_active_day, last_active_day,
 * first_use_known, active_months, active_month_starts, messages, then the
 * latest row's values (uanalytics.person_summary).
 */
PG_FUNCTION_INFO_V1(ua_person_summary_final);
Datum
ua_person_summary_final(PG_FUNCTION_ARGS)
{
	PersonState *s;
	TupleDesc	desc;
	Datum		values[7 + NUM_ATTRS];
	bool		nulls[7 + NUM_ATTRS];
	Datum	   *months;
	int			i;

	agg_memory_context(fcinfo, "person_summary_final");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = (PersonState *) PG_GETARG_POINTER(0);
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "person_summary_final: return type must be a row type");
	desc = BlessTupleDesc(desc);

	memset(nulls, 0, sizeof(nulls));
	values[0] = DateADTGetDatum(s->created);
	nulls[0] = !s->has_created;
	values[1] = DateADTGetDatum(s->first_active);
	nulls[1] = !s->has_first_active;
	values[2] = DateADTGetDatum(s->last_active);
	nulls[2] = !s->has_last_active;
	/* first use inside stored history: see doc/adoption.md */
	values[3] = BoolGetDatum(s->has_rows &&
							 (!s->earliest.has_last ||
							  (s->earliest.has_created && s->earliest.created >= s->earliest.start)));
	values[4] = Int32GetDatum(s->months.n);
	months = palloc(Max(s->months.n, 1) * sizeof(Datum));
	for (i = 0; i < s->months.n; i++)
		months[i] = DateADTGetDatum(s->months.days[i]);
	values[5] = PointerGetDatum(construct_array(months, s->months.n, DATEOID, sizeof(DateADT), true,
												TYPALIGN_INT));
	values[6] = Int64GetDatum(s->messages);
	nulls[6] = !s->has_messages;
	for (i = 0; i < NUM_ATTRS; i++)
	{
		values[7 + i] = s->attrs[i];
		nulls[7 + i] = s->attr_null[i];
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}
