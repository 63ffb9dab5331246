"""The hub's figures: referrals over the last twelve months and the work in hand, then every other section an
app registers through ``portal.figures`` (the programmes' bookings: ``bookings/figures.py``).

Every number comes from an aggregate query, and the referral section takes two queries however many
referrals there are: one UNION ALL of GROUP BY queries for every referral and action count (rows of a
dimension, a key, a month and five counts), and one for the median time to close (PostgreSQL's
percentile_cont, or one list of durations elsewhere).
"""

import statistics
from datetime import date, datetime, time, timedelta
from types import SimpleNamespace

from django.db import connections
from django.db.models import Aggregate, CharField, Count, DateField, DurationField, ExpressionWrapper, F, Q, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.figures import section_figures

from .choices import OPEN_STATUSES, ActionStatus, Category, Source, Status
from .models import Referral, ReferralAction

MONTHS_SHOWN = 12
OUTCOMES = (Status.DECLINED, Status.RESOLVED, Status.CLOSED)
MEASURES = ("received", "accepted", "declined", "resolved", "closed")


class Median(Aggregate):
    """PostgreSQL's ordered-set aggregate; works on intervals as well as numbers."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"


class HubFigures(SimpleNamespace):
    """``period_start``, ``today`` and every section's figures by name: the referral section's ``monthly``,
    ``by_category``, ``by_area``, ``by_source``, ``median_days_to_close``, ``referrals_now`` and ``actions``,
    and whatever the other registered sections return."""


def month_starts(today, count=MONTHS_SHOWN):
    """The first day of each of the last ``count`` months, oldest first, this month last."""
    year, month = today.year, today.month
    starts = []
    for _index in range(count):
        starts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def hub_figures(*, hubs, now=None):
    """The figures page: the last twelve months to ``now``'s date, every registered section's figures over
    ``hubs``."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    months = month_starts(today)
    start = timezone.make_aware(datetime.combine(months[0], time.min))
    return HubFigures(period_start=months[0], today=today, **section_figures(start=start, today=today, hubs=hubs))


def referral_figures(*, start, today, hubs):
    """The referral section (registered in ``wagtail_hooks``): received, accepted and finished by month and
    by category, area and source since ``start``; the median time to close; the work in hand ``today``."""
    rows = referral_rows(start, today, hubs)
    return {
        "monthly": _monthly(rows, month_starts(today)),
        **{f"by_{dimension}": _breakdown(rows, dimension) for dimension in ("category", "area", "source")},
        "median_days_to_close": median_days_to_close(Referral.objects.filter(hub__in=hubs, finished_at__gte=start)),
        "referrals_now": _counts(rows, "now", NOW_COUNTS),
        "actions": _counts(rows, "actions", ACTION_COUNTS),
    }


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


def referral_rows(start, today, hubs):
    """Every referral and action count on the page over ``hubs``' referrals, in one query."""
    referrals = Referral.objects.filter(hub__in=hubs)
    received = referrals.filter(submitted_at__gte=start)
    open_ = Q(status__in=OPEN_STATUSES)
    open_action = Q(status__in=(ActionStatus.OPEN, ActionStatus.IN_PROGRESS))
    parts = [
        _rows(received, "month", month=_month("submitted_at"), counts=[Count("pk")]),
        _rows(
            referrals.filter(accepted_at__gte=start),
            "month",
            month=_month("accepted_at"),
            counts=[Value(0), Count("pk")],
        ),
        _rows(
            referrals.filter(finished_at__gte=start, status__in=OUTCOMES),
            "month",
            month=_month("finished_at"),
            counts=[Value(0), Value(0), *(Count("pk", filter=Q(status=status)) for status in OUTCOMES)],
        ),
        _rows(received, "category", key=F("category"), counts=_outcome_counts()),
        _rows(received, "area", key=Coalesce(F("area__name"), NO_KEY), counts=_outcome_counts()),
        _rows(received, "source", key=F("source"), counts=_outcome_counts()),
        _rows(
            referrals,
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
            ReferralAction.objects.filter(referral__hub__in=hubs),
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
