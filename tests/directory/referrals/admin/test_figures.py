"""The hub's figures on a small dataset whose every number is known, the page, its CSV, and its query budget."""

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bookings.choices import BookingStatus
from bookings.models import Attendance, Booking
from directory.referrals.admin import figures as admin_figures
from directory.referrals.choices import ActionStatus, Category, ReportType, Source, Status
from directory.referrals.figures import hub_figures, month_starts
from directory.referrals.models import Referral, ReferralAction
from portal.tokens import hash_token
from programmes.choices import BookingMode
from tests.factories import AreaFactory, OrganisationFactory, ProgrammePageFactory, RunFactory, SessionFactory
from tests.factories.hubs import the_default_hub

pytestmark = pytest.mark.django_db

# Mid-June 2026: the period runs from 1 July 2025.
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
FIGURES_URL = "/admin/referrals/figures/"


def at(year, month, day):
    return datetime(year, month, day, 10, 0, tzinfo=UTC)


def make_referral(index, **fields):
    defaults = {
        "source": Source.PUBLIC,
        "category": Category.NUISANCE,
        "report_type": ReportType.NOISE,
        "location_description": "Somewhere",
        "description": "Something happened",
        "status_token_hash": hash_token(f"figures-{index}"),
        "hub": the_default_hub(),
    }
    return Referral.objects.create(**(defaults | fields))


@pytest.fixture
def referrals(db):
    town = AreaFactory(name="Westfield town centre", slug="town")
    north = AreaFactory(name="Northgate", slug="north")
    rows = {
        "resolved in 10 days": dict(
            submitted_at=at(2026, 1, 10),
            accepted_at=at(2026, 1, 12),
            finished_at=at(2026, 1, 20),
            status=Status.RESOLVED,
            area=town,
        ),
        "closed in 31 days": dict(
            submitted_at=at(2026, 1, 15),
            accepted_at=at(2026, 2, 1),
            finished_at=at(2026, 2, 15),
            status=Status.CLOSED,
            category=Category.PERSONAL,
            report_type=ReportType.INTIMIDATION,
            source=Source.PARTNER,
            area=town,
        ),
        "declined": dict(
            submitted_at=at(2026, 2, 3),
            finished_at=at(2026, 2, 4),
            status=Status.DECLINED,
            category=Category.ENVIRONMENTAL,
            report_type=ReportType.LITTER,
        ),
        "new": dict(submitted_at=at(2026, 6, 1), area=north),
        "accepted and overdue": dict(
            submitted_at=at(2026, 5, 20),
            accepted_at=at(2026, 5, 21),
            status=Status.ACCEPTED,
            priority="P1",
            target_contact_date=date(2026, 5, 22),
            review_date=date(2026, 6, 1),
            case_review_flag=True,
            area=north,
        ),
        "finished before the period": dict(
            submitted_at=at(2025, 3, 1), accepted_at=at(2025, 3, 2), finished_at=at(2025, 5, 1), status=Status.RESOLVED
        ),
        "received before, resolved in the period in 40 days": dict(
            submitted_at=at(2025, 6, 20),
            accepted_at=at(2025, 7, 2),
            finished_at=at(2025, 7, 30),
            status=Status.RESOLVED,
            area=town,
        ),
    }
    made = {name: make_referral(index, **fields) for index, (name, fields) in enumerate(rows.items())}
    agency = OrganisationFactory()
    overdue = made["accepted and overdue"]
    for due, status in (
        (date(2026, 6, 10), ActionStatus.OPEN),
        (date(2026, 7, 1), ActionStatus.IN_PROGRESS),
        (date(2026, 6, 1), ActionStatus.DONE),
    ):
        ReferralAction.objects.create(
            referral=overdue, organisation=agency, description="Do it", due_date=due, status=status
        )
    return made


def add_booking(run, index, places, status, school_name=""):
    return Booking.objects.create(
        run=run,
        kind=run.booking_mode,
        places=places,
        status=status,
        school_name=school_name,
        contact_name="Sam",
        contact_email="sam@example.org",
        contact_phone="01632 960000",
        manage_token_hash=hash_token(f"booking-{run.pk}-{index}"),
        offer_expires_at=NOW + timedelta(days=2) if status == BookingStatus.OFFERED else None,
    )


@pytest.fixture
def bookings(programme_index):
    residential = ProgrammePageFactory(parent=programme_index, title="Outdoor residential", image=None)
    evenings = ProgrammePageFactory(parent=programme_index, title="Friday evenings", image=None)
    summer = RunFactory(
        programme=residential,
        title="Summer 2026",
        capacity=10,
        booking_opens=at(2026, 3, 1),
        booking_closes=at(2026, 5, 1),
    )
    old = RunFactory(
        programme=residential,
        title="Summer 2024",
        capacity=10,
        booking_opens=at(2024, 3, 1),
        booking_closes=at(2024, 5, 1),
    )
    fridays = RunFactory(
        programme=evenings,
        title="Spring 2026",
        capacity=5,
        booking_mode=BookingMode.PARTICIPANT,
        booking_opens=at(2026, 2, 1),
        booking_closes=at(2026, 7, 1),
    )
    confirmed = add_booking(summer, 1, 6, BookingStatus.CONFIRMED, "Westfield Academy")
    pending = add_booking(summer, 2, 2, BookingStatus.PENDING, "WESTFIELD ACADEMY")
    add_booking(summer, 3, 1, BookingStatus.OFFERED, "Millbeck College")
    add_booking(summer, 4, 3, BookingStatus.WAITLISTED, "Oakfield School")
    add_booking(summer, 5, 4, BookingStatus.CANCELLED, "Harbour View School")
    old_booking = add_booking(old, 1, 3, BookingStatus.CONFIRMED, "Old School")
    add_booking(fridays, 1, 1, BookingStatus.CONFIRMED)
    first, second = (SessionFactory(run=summer, start=at(2026, 7, day)) for day in (1, 2))
    Attendance.objects.create(session=first, booking=confirmed, attended=5)
    Attendance.objects.create(session=second, booking=confirmed, attended=4)
    Attendance.objects.create(session=first, booking=pending, attended=2)
    Attendance.objects.create(session=SessionFactory(run=old, start=at(2024, 7, 1)), booking=old_booking, attended=3)


def test_month_starts_cross_the_year():
    assert month_starts(date(2026, 2, 14), count=3) == [date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    assert len(month_starts(date(2026, 6, 15))) == 12


def test_referrals_by_month(referrals):
    figures = hub_figures(hubs=[the_default_hub()], now=NOW)
    assert figures.period_start == date(2025, 7, 1)
    months = {row["month"]: row for row in figures.monthly}
    assert list(months) == month_starts(date(2026, 6, 15))

    def counts(month):
        return tuple(months[month][measure] for measure in ("received", "accepted", "declined", "resolved", "closed"))

    assert counts(date(2025, 7, 1)) == (0, 1, 0, 1, 0)
    assert counts(date(2026, 1, 1)) == (2, 1, 0, 1, 0)
    assert counts(date(2026, 2, 1)) == (1, 1, 1, 0, 1)
    assert counts(date(2026, 5, 1)) == (1, 1, 0, 0, 0)
    assert counts(date(2026, 6, 1)) == (1, 0, 0, 0, 0)
    assert sum(row["received"] for row in figures.monthly) == 5
    assert months[date(2026, 1, 1)]["label"] == "Jan 2026"


def test_referrals_by_category_area_and_source(referrals):
    figures = hub_figures(hubs=[the_default_hub()], now=NOW)

    def table(rows):
        return {
            row["label"]: (row["received"], row["accepted"], row["declined"], row["resolved"], row["closed"])
            for row in rows
        }

    assert table(figures.by_category) == {
        "Personal": (1, 1, 0, 0, 1),
        "Nuisance": (3, 2, 0, 1, 0),
        "Environmental": (1, 0, 1, 0, 0),
    }
    assert [row["label"] for row in figures.by_category] == ["Personal", "Nuisance", "Environmental"]
    assert [row["label"] for row in figures.by_area] == ["Northgate", "Westfield town centre", "No area given"]
    assert table(figures.by_area)["Westfield town centre"] == (2, 2, 0, 1, 1)
    assert table(figures.by_source) == {"Resident report": (4, 2, 1, 1, 0), "Partner referral": (1, 1, 0, 0, 1)}


def test_median_days_to_close_counts_resolved_and_closed_in_the_period(referrals):
    assert hub_figures(hubs=[the_default_hub()], now=NOW).median_days_to_close == 31.0, "median of 10, 31 and 40 days"
    Referral.objects.filter(pk=referrals["closed in 31 days"].pk).delete()
    assert hub_figures(hubs=[the_default_hub()], now=NOW).median_days_to_close == 25.0, "median of 10 and 40 days"
    Referral.objects.all().delete()
    assert hub_figures(hubs=[the_default_hub()], now=NOW).median_days_to_close is None


def test_work_in_hand_today(referrals):
    figures = hub_figures(hubs=[the_default_hub()], now=NOW)
    assert figures.referrals_now == {
        "open": 2,
        "awaiting_triage": 1,
        "overdue_contact": 1,
        "overdue_reviews": 1,
        "case_reviews": 1,
    }
    assert figures.actions == {"open": 2, "overdue": 1}


def test_no_referrals_gives_zeros_not_errors(db):
    figures = hub_figures(hubs=[the_default_hub()], now=NOW)
    assert all(row["received"] == 0 for row in figures.monthly)
    assert figures.by_category == figures.by_area == figures.by_source == []
    assert figures.referrals_now["open"] == 0 and figures.actions == {"open": 0, "overdue": 0}
    assert figures.runs == [] and figures.schools_reached == 0
    assert figures.attendance == {"attended": 0, "expected": 0, "rate": None}


def test_bookings_places_schools_and_attendance(bookings):
    figures = hub_figures(hubs=[the_default_hub()], now=NOW)
    assert [(run["label"], run["capacity"], run["filled"], run["waiting"]) for run in figures.runs] == [
        ("Friday evenings: Spring 2026", 5, 1, 0),
        ("Outdoor residential: Summer 2026", 10, 9, 3),
    ]
    assert figures.schools_reached == 2, "Westfield Academy (in any case) and Millbeck College"
    assert figures.attendance == {"attended": 11, "expected": 14, "rate": 78.6}


def test_the_figures_take_three_queries(referrals, bookings):
    hub = the_default_hub()
    assert hub.site.root_page  # the hub as the page has it: with its site and root page
    with CaptureQueriesContext(connection) as captured:
        hub_figures(hubs=[hub], now=NOW)
    assert len(captured) == 3


@pytest.fixture
def coordinator_client(client, coordinator, monkeypatch):
    client.force_login(coordinator)
    monkeypatch.setattr(admin_figures, "hub_figures", lambda *, hubs: hub_figures(hubs=hubs, now=NOW))
    return client


def test_the_page_shows_charts_beside_their_tables(coordinator_client, referrals, bookings):
    response = coordinator_client.get(FIGURES_URL)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    content = response.content.decode()
    assert content.count('role="img"') == 5
    for chart in ("monthly", "category", "area", "source", "runs"):
        assert f'aria-labelledby="chart-{chart}-title chart-{chart}-desc"' in content
        assert f'<title id="chart-{chart}-title">' in content and f'<desc id="chart-{chart}-desc">' in content
    for table in ("monthly", "category", "area", "source", "runs"):
        assert f'data-table="{table}"' in content
    assert "<script" not in content.split('id="main"')[1].split("</main>")[0]
    assert '<li data-figure="median-days"><strong>31.0</strong>' in content
    assert '<li data-figure="schools-reached"><strong>2</strong>' in content
    assert "78.6%" in content and "Summer 2026" in content and "Jan 2026" in content
    assert reverse("referrals_admin:figures_csv") in content


def test_the_csv_download_is_a_wagtail_button_with_its_text(coordinator_client):
    content = coordinator_client.get(FIGURES_URL).content.decode()

    csv_url = reverse("referrals_admin:figures_csv")
    link = re.search(rf'<a href="{csv_url}"[^>]*>(.*?)</a>', content, re.S)
    assert 'class="button bicolor button--icon"' in link.group(0)
    assert '<span class="icon-wrapper">' in link.group(1)
    assert link.group(1).split("</span>")[-1].strip() == "Download these figures (CSV)"


def test_the_page_reads_well_with_nothing_to_show(coordinator_client):
    content = coordinator_client.get(FIGURES_URL).content.decode()
    assert "No referrals in this period." in content and "No runs took bookings in this period." in content


def csv_rows(client):
    response = client.get(reverse("referrals_admin:figures_csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="hub-figures-2026-06-15.csv"'
    assert "no-store" in response["Cache-Control"]
    header, *rows = csv.reader(io.StringIO(response.content.decode()))
    assert header == ["Section", "Item", "Measure", "Value"]
    return rows


def test_the_csv_holds_every_figure(coordinator_client, referrals, bookings):
    rows = csv_rows(coordinator_client)
    assert ["Referrals by month", "Jan 2026", "Received", "2"] in rows
    assert ["Referrals by month", "Feb 2026", "Closed", "1"] in rows
    assert ["Referrals by category", "Nuisance", "Accepted", "2"] in rows
    assert ["Referrals by area", "No area given", "Declined", "1"] in rows
    assert ["Referrals by source", "Partner referral", "Received", "1"] in rows
    assert ["Referrals", "All resolved or closed", "Median days to close", "31.0"] in rows
    assert ["Referrals now", "Contact overdue", "Count", "1"] in rows
    assert ["Actions", "Overdue", "Count", "1"] in rows
    assert ["Bookings by run", "Outdoor residential: Summer 2026", "Places waiting", "3"] in rows
    assert ["Bookings", "Schools reached", "Count", "2"] in rows
    assert ["Bookings", "Attendance", "Rate (%)", "78.6"] in rows
    assert len([row for row in rows if row[0] == "Referrals by month"]) == 12 * 5


def test_the_csv_neutralises_formulas_in_names(coordinator_client):
    area = AreaFactory(name='=HYPERLINK("http://evil.example")', slug="evil")
    make_referral(1, submitted_at=at(2026, 6, 1), area=area)
    rows = csv_rows(coordinator_client)
    assert ["Referrals by area", '\'=HYPERLINK("http://evil.example")', "Received", "1"] in rows


def test_the_page_stays_within_16_queries_with_10000_referrals(
    client, coordinator, bookings, django_assert_max_num_queries
):
    areas = [AreaFactory() for _ in range(6)]
    agency = OrganisationFactory()
    hub = the_default_hub()
    now = timezone.now()
    statuses = [Status.SUBMITTED, Status.ACCEPTED, Status.IN_PROGRESS, Status.DECLINED, Status.RESOLVED, Status.CLOSED]
    referrals = []
    for index in range(10_000):
        status = statuses[index % len(statuses)]
        submitted = now - timedelta(days=index % 400, hours=index % 24)
        finished = status in (Status.DECLINED, Status.RESOLVED, Status.CLOSED)
        referrals.append(
            Referral(
                hub=hub,
                source=Source.PUBLIC if index % 3 else Source.PARTNER,
                status=status,
                category=Category.values[index % 3],
                report_type=ReportType.OTHER,
                location_description="Somewhere",
                description="Something",
                area=areas[index % 6] if index % 7 else None,
                status_token_hash=f"{index:064x}",
                submitted_at=submitted,
                accepted_at=submitted + timedelta(days=1)
                if status not in (Status.SUBMITTED, Status.DECLINED)
                else None,
                finished_at=submitted + timedelta(days=index % 50) if finished else None,
                review_date=(now - timedelta(days=index % 30)).date() if status == Status.ACCEPTED else None,
            )
        )
    Referral.objects.bulk_create(referrals, batch_size=1000)
    in_progress = Referral.objects.filter(status=Status.IN_PROGRESS).values_list("pk", flat=True)[:500]
    ReferralAction.objects.bulk_create(
        ReferralAction(
            referral_id=pk, organisation=agency, description="Do it", due_date=now.date() - timedelta(days=pk % 9)
        )
        for pk in in_progress
    )
    assert Referral.objects.count() == 10_000
    client.force_login(coordinator)
    client.get(FIGURES_URL)
    # 15 before hubs, plus one: the user's hub ids (the hubs themselves come with their sites and root pages).
    with django_assert_max_num_queries(16):
        response = client.get(FIGURES_URL)
    assert response.status_code == 200
    assert f'<li data-figure="open-actions"><strong>{len(in_progress)}</strong>' in response.content.decode()
    # 15 before hubs, plus one: the user's hub ids (the hubs themselves come with their sites and root pages).
    with django_assert_max_num_queries(16):
        assert client.get(reverse("referrals_admin:figures_csv")).status_code == 200
