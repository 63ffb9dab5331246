"""The programmes' section of the hub's figures page (``portal.figures``): places filled and waiting on each
run taking bookings in the period, the schools reached and the attendance, in one UNION ALL query."""

from django.db.models import Count, DateTimeField, F, Q, Sum, Value
from django.db.models.functions import Coalesce, Lower

from portal.hubs import pages_q
from programmes.models import Run

from .choices import HELD_STATUSES, BookingStatus
from .models import Booking


def booking_figures(*, start, today, hubs):
    """``hubs``' runs whose booking window closed on or after ``start``, with their schools and attendance."""
    runs, totals = booking_rows(Run.objects.filter(pages_q(hubs, prefix="programme__"), booking_closes__gte=start))
    return {"runs": runs, "schools_reached": totals["schools"], "attendance": totals["attendance"]}


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
