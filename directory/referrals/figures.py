"""The hub's figures: referrals over the last twelve months, the work in hand, and the programmes' bookings.

Every number comes from an aggregate query, and the whole set takes three queries however many referrals there
are: one UNION ALL of GROUP BY queries for every referral and action count (rows of a dimension, a key, a
month and five counts), one for the median time to close (PostgreSQL's percentile_cont, or one list of
durations elsewhere), and one UNION ALL for the runs' places with the schools and attendance totals.
"""

import statistics
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import connections
from django.db.models import (
    Aggregate,
    CharField,
    Count,
    DateField,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Lower, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bookings.choices import HELD_STATUSES, BookingStatus
from bookings.models import Booking
from programmes.models import Run

from .choices import OPEN_STATUSES, ActionStatus, Category, Source, Status
from .models import Referral, ReferralAction

MONTHS_SHOWN = 12
OUTCOMES = (Status.DECLINED, Status.RESOLVED, Status.CLOSED)
MEASURES = ("received", "accepted", "declined", "resolved", "closed")


class Median(Aggregate):
    """PostgreSQL's ordered-set aggregate; works on intervals as well as numbers."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"


@dataclass
class HubFigures:
    period_start: date
    today: date
    monthly: list
    by_category: list
    by_area: list
    by_source: list
    median_days_to_close: float | None
    referrals_now: dict
    actions: dict
    runs: list
    schools_reached: int
    attendance: dict


def month_starts(today, count=MONTHS_SHOWN):
    """The first day of each of the last ``count`` months, oldest first, this month last."""
    year, month = today.year, today.month
    starts = []
    for _index in range(count):
        starts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def hub_figures(*, now=None):
    now = now or timezone.now()
    today = timezone.localdate(now)
    months = month_starts(today)
    start = timezone.make_aware(datetime.combine(months[0], time.min))
    rows = referral_rows(start, today)
    breakdowns = {dimension: _breakdown(rows, dimension) for dimension in ("category", "area", "source")}
    runs, totals = booking_rows(Run.objects.filter(booking_closes__gte=start))
    return HubFigures(
        period_start=months[0],
        today=today,
        monthly=_monthly(rows, months),
        by_category=breakdowns["category"],
        by_area=breakdowns["area"],
        by_source=breakdowns["source"],
        median_days_to_close=median_days_to_close(Referral.objects.filter(finished_at__gte=start)),
        referrals_now=_counts(rows, "now", NOW_COUNTS),
        actions=_counts(rows, "actions", ACTION_COUNTS),
        runs=runs,
        schools_reached=totals["schools"],
        attendance=totals["attendance"],
    )


COUNT_COLUMNS = ("c1", "c2", "c3", "c4", "c5")
NOW_COUNTS = ("open", "awaiting_triage", "overdue_contact", "overdue_reviews", "case_reviews")
ACTION_COUNTS = ("open", "overdue")
NO_MONTH = Value(None, output_field=DateField())
NO_KEY = Value("", output_field=CharField())


def _rows(queryset, dimension, *, key=NO_KEY, month=NO_MONTH, counts=()):
    """(dimension, key, month, c1..c5) per group: the shape every part of the referral UNION shares."""
    padded = [*counts, *(Value(0) for _ in range(len(COUNT_COLUMNS) - len(counts)))]
    return (
        queryset.annotate(dimension=Value(dimension, output_field=CharField()), key=key, month=month)
        .values("dimension", "key", "month")
        .annotate(**dict(zip(COUNT_COLUMNS, padded, strict=True)))
        .order_by()
        .values_list("dimension", "key", "month", *COUNT_COLUMNS)
    )


def _outcome_counts():
    return (
        Count("pk"),
        Count("pk", filter=Q(accepted_at__isnull=False)),
        *(Count("pk", filter=Q(status=status)) for status in OUTCOMES),
    )


def referral_rows(start, today):
    """Every referral and action count on the page, in one query."""
    received = Referral.objects.filter(submitted_at__gte=start)
    open_ = Q(status__in=OPEN_STATUSES)
    open_action = Q(status__in=(ActionStatus.OPEN, ActionStatus.IN_PROGRESS))
    parts = [
        _rows(received, "month", month=_month("submitted_at"), counts=[Count("pk")]),
        _rows(
            Referral.objects.filter(accepted_at__gte=start),
            "month",
            month=_month("accepted_at"),
            counts=[Value(0), Count("pk")],
        ),
        _rows(
            Referral.objects.filter(finished_at__gte=start, status__in=OUTCOMES),
            "month",
            month=_month("finished_at"),
            counts=[Value(0), Value(0), *(Count("pk", filter=Q(status=status)) for status in OUTCOMES)],
        ),
        _rows(received, "category", key=F("category"), counts=_outcome_counts()),
        _rows(received, "area", key=Coalesce(F("area__name"), NO_KEY), counts=_outcome_counts()),
        _rows(received, "source", key=F("source"), counts=_outcome_counts()),
        _rows(
            Referral.objects.all(),
            "now",
            counts=[
                Count("pk", filter=open_),
                Count("pk", filter=Q(status=Status.SUBMITTED)),
                Count("pk", filter=Q(status=Status.ACCEPTED, target_contact_date__lt=today)),
                Count("pk", filter=open_ & Q(review_date__lt=today)),
                Count("pk", filter=open_ & Q(case_review_flag=True)),
            ],
        ),
        _rows(
            ReferralAction.objects.all(),
            "actions",
            counts=[Count("pk", filter=open_action), Count("pk", filter=open_action & Q(due_date__lt=today))],
        ),
    ]
    return list(parts[0].union(*parts[1:], all=True))


def _month(field):
    return TruncMonth(field, output_field=DateField())


def _monthly(rows, months):
    totals = {month: dict.fromkeys(MEASURES, 0) for month in months}
    for dimension, _key, month, *counts in rows:
        if dimension == "month" and month in totals:
            for measure, count in zip(MEASURES, counts, strict=True):
                totals[month][measure] += count
    return [{"month": month, "label": date_format(month, "M Y"), **totals[month]} for month in months]


def _breakdown(rows, dimension):
    found = [
        {"key": key, "label": _label(dimension, key), **dict(zip(MEASURES, counts, strict=True))}
        for row_dimension, key, _month, *counts in rows
        if row_dimension == dimension
    ]
    if dimension == "area":
        return sorted(found, key=lambda row: (-row["received"], row["label"]))
    order = list((Category if dimension == "category" else Source).values)
    return sorted(found, key=lambda row: order.index(row["key"]) if row["key"] in order else len(order))


def _counts(rows, dimension, names):
    counts = next((counts for row_dimension, _key, _month, *counts in rows if row_dimension == dimension), None)
    return dict(zip(names, counts or [0] * len(names), strict=False))


def _label(dimension, key):
    if dimension == "category":
        return str(Category(key).label).split(":")[0] if key in Category.values else key
    if dimension == "source":
        return str(Source(key).label) if key in Source.values else key
    return key or _("No area given")


def median_days_to_close(finished):
    """Median days from receipt to resolution or closure, over referrals resolved or closed: one query."""
    closed = finished.filter(status__in=(Status.RESOLVED, Status.CLOSED))
    duration = ExpressionWrapper(F("finished_at") - F("submitted_at"), output_field=DurationField())
    if connections[closed.db].vendor == "postgresql":
        median = closed.aggregate(median=Median(duration, output_field=DurationField()))["median"]
    else:
        durations = list(closed.annotate(duration=duration).order_by().values_list("duration", flat=True))
        median = statistics.median(durations) if durations else None
    if median is None:
        return None
    return round(median / timedelta(days=1), 1)


def booking_rows(runs):
    """Places filled and waiting on each run, then the schools reached and the attendance: one query.

    Schools are counted by name, ignoring case, over bookings holding places; attendance is the young people
    who came out of the places booked, over every session with a register taken.
    """
    held = Q(bookings__status__in=HELD_STATUSES)
    per_run = (
        runs.annotate(row_kind=Value("run"), programme_title=F("programme__title"), label=F("title"))
        .values("row_kind", "programme_title", "label", "booking_opens", "pk")
        .annotate(
            n1=F("capacity"),
            n2=Coalesce(Sum("bookings__places", filter=held), 0),
            n3=Coalesce(Sum("bookings__places", filter=Q(bookings__status=BookingStatus.WAITLISTED)), 0),
        )
        .order_by()
        .values_list("row_kind", "programme_title", "label", "booking_opens", "pk", "n1", "n2", "n3")
    )
    school = Q(status__in=HELD_STATUSES) & ~Q(school_name="")
    totals = (
        Booking.objects.filter(run__in=runs)
        .annotate(
            row_kind=Value("totals"),
            programme_title=Value(""),
            label=Value(""),
            booking_opens=Value(None, output_field=DateTimeField()),
            run_pk=Value(0),
        )
        .values("row_kind", "programme_title", "label", "booking_opens", "run_pk")
        .annotate(
            n1=Count(Lower("school_name"), distinct=True, filter=school),
            n2=Coalesce(Sum("attendance__attended"), 0),
            n3=Coalesce(Sum("places", filter=Q(attendance__isnull=False)), 0),
        )
        .order_by()
        .values_list("row_kind", "programme_title", "label", "booking_opens", "run_pk", "n1", "n2", "n3")
    )
    return _split_booking_rows(list(per_run.union(totals, all=True)))


def _split_booking_rows(rows):
    runs = sorted((row for row in rows if row[0] == "run"), key=lambda row: (row[1], row[3], row[4]))
    schools, attended, expected = next((row[5:] for row in rows if row[0] == "totals"), (0, 0, 0))
    return [
        {
            "programme": programme,
            "run": title,
            "label": f"{programme}: {title}",
            "capacity": capacity,
            "filled": filled,
            "waiting": waiting,
        }
        for _kind, programme, title, _opens, _pk, capacity, filled, waiting in runs
    ], {
        "schools": schools,
        "attendance": {
            "attended": attended,
            "expected": expected,
            "rate": round(100 * attended / expected, 1) if expected else None,
        },
    }
