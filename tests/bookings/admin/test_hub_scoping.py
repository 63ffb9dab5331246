"""Runs and bookings belong to the hub whose page tree holds the run's programme: staff of one hub never list,
inspect, change, export, search or take a register of another hub's (issue 11)."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse

from bookings.choices import BookingStatus
from bookings.models import Attendance, Booking
from programmes.choices import BookingMode
from programmes.models import Run
from tests.factories import BookingFactory, ProgrammeIndexPageFactory, ProgrammePageFactory, RunFactory, SessionFactory
from tests.factories.bookings import SCHOOL_DETAILS
from tests.factories.users import hub_coordinator, safeguarding_lead

pytestmark = pytest.mark.django_db

BOOKINGS_URL = "/admin/bookings/booking/"
RUNS_URL = "/admin/programmes/run/"


def run_in(index, title, *, now, **fields):
    programme = ProgrammePageFactory(parent=index, title=title, image=None)
    defaults = {
        "capacity": 10,
        "booking_mode": BookingMode.SCHOOL,
        "booking_opens": now - timedelta(days=7),
        "booking_closes": now + timedelta(days=14),
    }
    run = RunFactory(programme=programme, **(defaults | fields))
    SessionFactory(run=run, start=now + timedelta(days=30), end=now + timedelta(days=30, hours=3))
    return run


def book(run, school, status=BookingStatus.CONFIRMED, places=2):
    return BookingFactory(run=run, places=places, status=status, **(SCHOOL_DETAILS | {"school_name": school}))


@pytest.fixture
def two_hubs(hub, other_hub, programme_index, now):
    """A run and a booking in each hub."""
    other_index = ProgrammeIndexPageFactory(parent=other_hub.site.root_page)
    ours = run_in(programme_index, "Our Programme", now=now)
    theirs = run_in(other_index, "Their Programme", now=now)
    ours.booking = book(ours, "Westfield Academy")
    theirs.booking = book(theirs, "Farside School")
    ours.index, theirs.index = programme_index, other_index
    return ours, theirs


@pytest.fixture
def ours_client(client, hub):
    client.force_login(hub_coordinator(hubs=[hub], username="ours"))
    return client


@pytest.fixture
def theirs_client(client, other_hub):
    client.force_login(hub_coordinator(hubs=[other_hub], username="theirs"))
    return client


def text(response):
    return response.content.decode()


class TestListings:
    def test_bookings_listing_shows_only_the_users_hubs(self, ours_client, two_hubs):
        ours, theirs = two_hubs
        page = text(ours_client.get(BOOKINGS_URL))
        assert ours.booking.reference in page
        assert theirs.booking.reference not in page
        assert "Farside School" not in page

    def test_other_hubs_staff_see_only_theirs(self, theirs_client, two_hubs):
        ours, theirs = two_hubs
        page = text(theirs_client.get(BOOKINGS_URL))
        assert theirs.booking.reference in page and ours.booking.reference not in page
        runs = text(theirs_client.get(RUNS_URL))
        assert "Their Programme" in runs and "Our Programme" not in runs

    def test_runs_listing_and_programme_filter_offer_only_the_users_hubs(self, ours_client, two_hubs):
        page = text(ours_client.get(RUNS_URL))
        assert "Our Programme" in page
        assert "Their Programme" not in page

    def test_filtering_by_another_hubs_run_or_programme_lists_nothing_of_theirs(self, ours_client, two_hubs):
        _ours, theirs = two_hubs
        for params in ({"run": theirs.pk}, {"programme": theirs.programme_id}):
            page = text(ours_client.get(BOOKINGS_URL, params))
            assert theirs.booking.reference not in page
        assert "Their Programme" not in text(ours_client.get(BOOKINGS_URL))

    def test_search_finds_nothing_of_another_hub(self, ours_client, two_hubs):
        _ours, theirs = two_hubs
        for term in (theirs.booking.reference, "Farside", theirs.booking.contact_email):
            page = text(ours_client.get(BOOKINGS_URL, {"q": term}))
            assert f"inspect/{theirs.booking.pk}/" not in page and "Farside School" not in page
        assert f"edit/{theirs.pk}/" not in text(ours_client.get(RUNS_URL, {"q": "Their"}))

    @pytest.mark.parametrize("fmt", ["csv", "xlsx"])
    def test_exports_hold_only_the_users_hubs(self, ours_client, two_hubs, fmt):
        ours, theirs = two_hubs
        response = ours_client.get(BOOKINGS_URL, {"export": fmt})
        content = b"".join(response.streaming_content)
        if fmt == "csv":
            assert ours.booking.reference.encode() in content
            assert theirs.booking.reference.encode() not in content
            assert b"Farside" not in content
        else:
            import openpyxl

            sheet = openpyxl.load_workbook(io.BytesIO(content)).active
            cells = {str(cell.value) for row in sheet.iter_rows() for cell in row}
            assert ours.booking.reference in cells and theirs.booking.reference not in cells

    def test_runs_export_holds_only_the_users_hubs(self, ours_client, two_hubs):
        response = ours_client.get(RUNS_URL, {"export": "csv"})
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        titles = " ".join(" ".join(row) for row in rows)
        assert "Our Programme" in titles and "Their Programme" not in titles

    def test_one_hubs_staff_get_no_hub_column(self, ours_client, two_hubs):
        assert "column-hub" not in text(ours_client.get(BOOKINGS_URL))

    def test_staff_of_several_hubs_see_both_with_a_hub_column_and_filter(self, client, hub, other_hub, two_hubs):
        ours, theirs = two_hubs
        client.force_login(hub_coordinator(hubs=[hub, other_hub], username="both"))
        page = text(client.get(BOOKINGS_URL))
        assert ours.booking.reference in page and theirs.booking.reference in page
        assert "column-hub" in page and other_hub.name in page
        only_other = text(client.get(BOOKINGS_URL, {"hub": other_hub.pk}))
        assert theirs.booking.reference in only_other and ours.booking.reference not in only_other
        runs = text(client.get(RUNS_URL, {"hub": hub.pk}))
        assert f"edit/{ours.pk}/" in runs and f"edit/{theirs.pk}/" not in runs
        assert "column-hub" in runs

    def test_places_by_run_lists_only_the_users_hubs(self, ours_client, two_hubs):
        page = text(ours_client.get(reverse("bookings_admin:runs")))
        assert "Our Programme" in page and "Their Programme" not in page


class TestAnotherHubsRecordIsNotFound:
    def test_booking_inspect_and_history(self, ours_client, two_hubs):
        ours, theirs = two_hubs
        assert ours_client.get(f"{BOOKINGS_URL}inspect/{ours.booking.pk}/").status_code == 200
        assert ours_client.get(f"{BOOKINGS_URL}inspect/{theirs.booking.pk}/").status_code == 404
        assert ours_client.get(f"{BOOKINGS_URL}history/{theirs.booking.pk}/").status_code == 404
        assert ours_client.get(f"{BOOKINGS_URL}edit/{theirs.booking.pk}/").status_code in {403, 404}

    def test_run_inspect_edit_and_history(self, ours_client, two_hubs):
        ours, theirs = two_hubs
        assert ours_client.get(f"{RUNS_URL}inspect/{ours.pk}/").status_code == 200
        for view in ("inspect", "edit", "history"):
            assert ours_client.get(f"{RUNS_URL}{view}/{theirs.pk}/").status_code == 404, view
        response = ours_client.post(f"{RUNS_URL}edit/{theirs.pk}/", {"title": "Hijacked", "capacity": "1"})
        assert response.status_code == 404
        assert Run.objects.get(pk=theirs.pk).title == theirs.title

    def test_run_summary(self, ours_client, two_hubs):
        ours, theirs = two_hubs
        assert ours_client.get(reverse("bookings_admin:run", args=[ours.pk])).status_code == 200
        assert ours_client.get(reverse("bookings_admin:run", args=[theirs.pk])).status_code == 404

    @pytest.mark.parametrize("action", ["confirm", "decline", "offer", "cancel"])
    def test_staff_actions_refuse_another_hubs_booking(self, ours_client, two_hubs, action):
        _ours, theirs = two_hubs
        status = BookingStatus.WAITLISTED if action == "offer" else BookingStatus.PENDING
        Booking.objects.filter(pk=theirs.booking.pk).update(status=status)
        response = ours_client.post(reverse(f"bookings_admin:{action}", args=[theirs.booking.pk]))
        assert response.status_code == 404
        assert Booking.objects.get(pk=theirs.booking.pk).status == status

    def test_staff_action_works_on_own_hubs_booking(self, ours_client, two_hubs):
        ours, _theirs = two_hubs
        Booking.objects.filter(pk=ours.booking.pk).update(status=BookingStatus.PENDING)
        response = ours_client.post(reverse("bookings_admin:confirm", args=[ours.booking.pk]))
        assert response.status_code == 302
        assert Booking.objects.get(pk=ours.booking.pk).status == BookingStatus.CONFIRMED

    def test_registers(self, ours_client, two_hubs):
        ours, theirs = two_hubs
        own, other = ours.sessions.get(), theirs.sessions.get()
        assert ours_client.get(reverse("bookings_admin:register", args=[own.pk])).status_code == 200
        assert ours_client.get(reverse("bookings_admin:register", args=[other.pk])).status_code == 404
        assert ours_client.get(reverse("bookings_admin:register_print", args=[other.pk])).status_code == 404
        field = f"attended_{theirs.booking.pk}"
        response = ours_client.post(reverse("bookings_admin:register", args=[other.pk]), {field: "1"})
        assert response.status_code == 404
        assert not Attendance.objects.exists()

    def test_safeguarding_lead_of_another_hub_sees_no_health_details(self, client, other_hub, two_hubs):
        ours, _theirs = two_hubs
        client.force_login(safeguarding_lead(hubs=[other_hub], username="lead"))
        assert client.get(f"{BOOKINGS_URL}inspect/{ours.booking.pk}/").status_code == 404
        export = b"".join(client.get(BOOKINGS_URL, {"export": "csv"}).streaming_content)
        assert ours.booking.reference.encode() not in export


class TestRunForm:
    def form_data(self, programme, now):
        fmt = "%Y-%m-%d %H:%M"
        start = (now + timedelta(days=30)).replace(second=0, microsecond=0)
        return {
            "programme": programme.pk,
            "title": "Hub Cohort Z",
            "capacity": "30",
            "booking_mode": "school",
            "per_school_cap": "",
            "booking_opens": (start - timedelta(days=20)).strftime(fmt),
            "booking_closes": (start - timedelta(days=2)).strftime(fmt),
            "notes": "",
            "allocation": "first_come",
            "sessions-TOTAL_FORMS": "1",
            "sessions-INITIAL_FORMS": "0",
            "sessions-MIN_NUM_FORMS": "1",
            "sessions-MAX_NUM_FORMS": "1000",
            "sessions-0-title": "Session 1",
            "sessions-0-start": start.strftime(fmt),
            "sessions-0-end": (start + timedelta(hours=2)).strftime(fmt),
            "sessions-0-venue": "Hall",
            "sessions-0-venue_address": "",
            "sessions-0-ORDER": "0",
            "sessions-0-DELETE": "",
            "sessions-0-id": "",
        }

    def test_programme_choice_offers_only_the_users_hubs(self, ours_client, two_hubs):
        page = text(ours_client.get(RUNS_URL + "create/"))
        assert "Our Programme" in page and "Their Programme" not in page

    def test_posting_another_hubs_programme_is_refused(self, ours_client, two_hubs, now):
        _ours, theirs = two_hubs
        response = ours_client.post(RUNS_URL + "create/", self.form_data(theirs.programme, now))
        assert response.status_code == 200
        assert "Choose a programme of a hub you work for." in text(response)
        assert not Run.objects.filter(title="Hub Cohort Z").exists()

    def test_own_hubs_programme_is_accepted(self, ours_client, two_hubs, now):
        ours, _theirs = two_hubs
        response = ours_client.post(RUNS_URL + "create/", self.form_data(ours.programme, now))
        assert response.status_code == 302
        assert Run.objects.get(title="Hub Cohort Z").programme_id == ours.programme_id


class TestSharedDeliveryPartner:
    def test_two_hubs_runs_of_one_partners_programme_keep_separate_places(self, client, hub, other_hub, two_hubs):
        from bookings import services
        from tests.factories import OrganisationFactory

        ours, theirs = two_hubs
        partner = OrganisationFactory(name="County Youth Trust", hubs=[hub, other_hub])
        for run in (ours, theirs):
            run.programme.delivery_partner = partner
            run.programme.save()
        Run.objects.filter(pk__in=[ours.pk, theirs.pk]).update(capacity=3)
        services.book_places(
            run_id=ours.pk, kind="school", places=1, details=SCHOOL_DETAILS | {"school_name": "Ours Full"}
        )
        assert Run.objects.with_availability().get(pk=ours.pk).places_left == 0
        theirs_after = Run.objects.with_availability().get(pk=theirs.pk)
        assert theirs_after.places_left == 1  # 3 less their own booking of 2
        client.force_login(hub_coordinator(hubs=[other_hub], username="theirs"))
        page = text(client.get(BOOKINGS_URL))
        assert "Ours Full" not in page and ours.booking.reference not in page
        assert theirs.booking.reference in page


class TestFigures:
    def test_booking_figures_count_only_the_hubs_given(self, hub, other_hub, two_hubs, now):
        from bookings.figures import booking_figures

        start, today = (now - timedelta(days=30)), now.date()
        ours_only = booking_figures(start=start, today=today, hubs=[hub])
        theirs_only = booking_figures(start=start, today=today, hubs=[other_hub])
        both = booking_figures(start=start, today=today, hubs=[hub, other_hub])

        assert [row["programme"] for row in ours_only["runs"]] == ["Our Programme"]
        assert [row["programme"] for row in theirs_only["runs"]] == ["Their Programme"]
        assert ours_only["schools_reached"] == theirs_only["schools_reached"] == 1
        assert both["schools_reached"] == 2
        assert booking_figures(start=start, today=today, hubs=[])["runs"] == []
