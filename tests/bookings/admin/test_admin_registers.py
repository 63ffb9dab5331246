"""Hub staff's places-by-run summaries and session registers."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bookings.choices import BookingStatus
from bookings.models import Attendance
from portal.groups import HUB_COORDINATORS, HUB_EDITORS, HUB_SAFEGUARDING_LEADS
from portal.models import HubLogEntry
from programmes.choices import BookingMode
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db

MEDICAL_NEEDS = "Carries an asthma inhaler"


@pytest.fixture
def coordinator(staff):
    return staff(HUB_COORDINATORS)


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def school_run(make_run, add_booking):
    """A run with two bookings holding places (3 and 2) and one waiting."""
    run = make_run(capacity=5)
    run.held = [
        add_booking(run, 3, school_name="Westfield Academy"),
        add_booking(run, 2, status=BookingStatus.PENDING, school_name="Eastfield High"),
    ]
    run.waiting = add_booking(run, 4, status=BookingStatus.WAITLISTED, school_name="Northgate School")
    run.session = run.sessions.get()
    return run


@pytest.fixture
def participant_run(make_run, add_booking):
    run = make_run(booking_mode=BookingMode.PARTICIPANT)
    run.booking = add_booking(
        run,
        1,
        school_name="",
        participant_name="Jamie Young",
        date_of_birth=date(2012, 5, 1),
        guardian_consent=True,
        emergency_contact_name="Robin Parent",
        emergency_contact_phone="07700 900123",
        medical_needs=MEDICAL_NEEDS,
    )
    run.session = run.sessions.get()
    return run


def register_url(session):
    return reverse("bookings_admin:register", args=[session.pk])


def print_url(session):
    return reverse("bookings_admin:register_print", args=[session.pk])


def field(booking):
    return f"attended_{booking.pk}"


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


class TestPlacesByRun:
    def test_summary_shows_capacity_held_and_waiting_counted_from_bookings(
        self, coordinator_client, make_run, add_booking
    ):
        run = make_run(capacity=10)
        for places, status in [
            (3, BookingStatus.CONFIRMED),
            (2, BookingStatus.PENDING),
            (1, BookingStatus.OFFERED),
            (4, BookingStatus.WAITLISTED),
            (1, BookingStatus.WAITLISTED),
            (2, BookingStatus.CANCELLED),
            (5, BookingStatus.DECLINED),
        ]:
            add_booking(run, places, status=status)
        make_run(capacity=7)

        response = coordinator_client.get(reverse("bookings_admin:run", args=[run.pk]))

        assert response.status_code == 200
        content = response.content.decode()
        for name, number in {"capacity": 10, "held": 6, "free": 4, "waiting": 5}.items():
            assert f'data-places="{name}">{number}</dd>' in content
        assert register_url(run.sessions.get()) in content
        listing = text_of(coordinator_client.get(reverse("bookings_admin:runs")))
        assert f"{run.programme.title}: {run.title} {run.booking_opens:%-d %b %Y} 10 6 4 5" in listing

    def test_places_by_run_makes_the_same_number_of_queries_for_more_runs(
        self, coordinator_client, make_run, add_booking
    ):
        def queries():
            with CaptureQueriesContext(connection) as captured:
                assert coordinator_client.get(reverse("bookings_admin:runs")).status_code == 200
            return len(captured)

        add_booking(make_run(), 1)
        few = queries()
        for _ in range(5):
            add_booking(make_run(), 2, status=BookingStatus.WAITLISTED)
        assert queries() == few

    @pytest.mark.parametrize("group", [HUB_EDITORS, None])
    def test_others_cannot_see_places(self, client, staff, make_run, group):
        run = make_run()
        client.force_login(staff(group))
        for url in (reverse("bookings_admin:runs"), reverse("bookings_admin:run", args=[run.pk])):
            assert client.get(url).status_code in {302, 403}

    def test_bookings_index_links_to_places_by_run(self, coordinator_client):
        assert reverse("bookings_admin:runs") in coordinator_client.get("/admin/bookings/booking/").content.decode()


class TestRegister:
    def test_lists_the_bookings_holding_places(self, coordinator_client, school_run):
        content = coordinator_client.get(register_url(school_run.session)).content.decode()
        assert all(booking.reference in content for booking in school_run.held)
        assert school_run.waiting.reference not in content
        assert f'name="{field(school_run.held[0])}"' in content

    def test_saving_writes_attendance_and_a_second_save_updates_it(self, coordinator_client, coordinator, school_run):
        first, second = school_run.held
        session = school_run.session

        response = coordinator_client.post(register_url(session), {field(first): "3", field(second): "0"})

        assert response.status_code == 302 and response["Location"] == register_url(session)
        assert dict(Attendance.objects.values_list("booking_id", "attended")) == {first.pk: 3, second.pk: 0}
        assert set(Attendance.objects.values_list("recorded_by", flat=True)) == {coordinator.pk}
        assert HubLogEntry.objects.filter(action="bookings.attendance", user=coordinator).count() == 2

        coordinator_client.post(register_url(session), {field(first): "2", field(second): "0"})

        assert dict(Attendance.objects.values_list("booking_id", "attended")) == {first.pk: 2, second.pk: 0}
        entries = HubLogEntry.objects.filter(action="bookings.attendance")
        assert entries.count() == 3, "only the changed row is logged again"
        assert entries.filter(object_id=str(first.pk)).count() == 2
        page = coordinator_client.get(register_url(session)).content.decode()
        assert re.search(rf'name="{field(first)}" value="2"', page)

    def test_blank_leaves_a_booking_unrecorded(self, coordinator_client, school_run):
        first, second = school_run.held
        coordinator_client.post(register_url(school_run.session), {field(first): "1", field(second): ""})
        assert list(Attendance.objects.values_list("booking_id", "attended")) == [(first.pk, 1)]

    @pytest.mark.parametrize("value", ["-1", "4", "two", "1.5"])
    def test_rejects_numbers_outside_zero_to_places(self, coordinator_client, school_run, value):
        first, second = school_run.held
        response = coordinator_client.post(register_url(school_run.session), {field(first): value, field(second): "2"})
        assert response.status_code == 200
        assert f"Enter a number from 0 to 3 for {first.reference}." in response.content.decode()
        assert not Attendance.objects.exists()
        assert not HubLogEntry.objects.filter(action="bookings.attendance").exists()

    def test_attendance_is_kept_per_session(self, coordinator_client, school_run):
        first, _ = school_run.held
        other = SessionFactory(run=school_run, start=school_run.session.start + timedelta(days=1))
        coordinator_client.post(register_url(school_run.session), {field(first): "3"})
        coordinator_client.post(register_url(other), {field(first): "1"})
        assert dict(Attendance.objects.values_list("session_id", "attended")) == {
            school_run.session.pk: 3,
            other.pk: 1,
        }

    @pytest.mark.parametrize("group", ["anonymous", HUB_EDITORS, None, HUB_SAFEGUARDING_LEADS])
    def test_others_cannot_record_attendance(self, client, staff, school_run, group):
        first, _ = school_run.held
        if group != "anonymous":
            client.force_login(staff(group))
        response = client.post(register_url(school_run.session), {field(first): "3"})
        assert response.status_code in {302, 403}
        assert response.get("Location") != register_url(school_run.session)
        assert not Attendance.objects.exists()

    @pytest.mark.parametrize("group", ["anonymous", HUB_EDITORS, None])
    def test_others_cannot_see_the_register(self, client, staff, school_run, group):
        if group != "anonymous":
            client.force_login(staff(group))
        for url in (register_url(school_run.session), print_url(school_run.session)):
            response = client.get(url)
            assert response.status_code in {302, 403}
            assert school_run.held[0].reference not in client.get(url, follow=True).content.decode()

    def test_printable_register_renders_with_print_styles(self, coordinator_client, school_run):
        first, _ = school_run.held
        coordinator_client.post(register_url(school_run.session), {field(first): "3"})
        response = coordinator_client.get(print_url(school_run.session))
        content = response.content.decode()
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert "@media print" in content and 'class="app-no-print"' in content
        assert all(booking.reference in content for booking in school_run.held)
        assert '<td class="attended">3</td>' in content
        assert school_run.waiting.reference not in content


class TestRegisterHealthDetails:
    def test_coordinator_does_not_see_health_details(self, coordinator_client, participant_run):
        for url in (register_url(participant_run.session), print_url(participant_run.session)):
            content = coordinator_client.get(url).content.decode()
            assert participant_run.booking.reference in content
            assert MEDICAL_NEEDS not in content and "07700 900123" not in content

    def test_safeguarding_lead_sees_health_details_read_only(self, client, staff, participant_run):
        client.force_login(staff(HUB_SAFEGUARDING_LEADS))
        for url in (register_url(participant_run.session), print_url(participant_run.session)):
            content = client.get(url).content.decode()
            assert MEDICAL_NEEDS in content and "07700 900123" in content
        register = client.get(register_url(participant_run.session)).content.decode()
        assert f'name="{field(participant_run.booking)}"' not in register
