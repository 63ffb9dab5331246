"""Hub staff's bookings admin: list, filters, exports, inspect, and the status actions."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ReferenceIndex

from bookings.choices import BookingStatus
from bookings.errors import InvalidTransition, NotEnoughPlaces
from bookings.models import Booking
from portal.groups import HUB_COORDINATORS, HUB_EDITORS, HUB_SAFEGUARDING_LEADS
from portal.models import HubLogEntry
from programmes.choices import BookingMode
from tests.bookings.data import EMERGENCY_PHONE, MEDICAL_NEEDS

pytestmark = pytest.mark.django_db

BOOKINGS_URL = "/admin/bookings/booking/"


@pytest.fixture
def coordinator_client(client, staff):
    client.force_login(staff(HUB_COORDINATORS))
    return client


def inspect_url(booking):
    return f"{BOOKINGS_URL}inspect/{booking.pk}/"


def action_url(action, booking):
    return reverse(f"bookings_admin:{action}", args=[booking.pk])


def logged(booking, action):
    return HubLogEntry.objects.filter(object_id=str(booking.pk), action=action)


def message_texts(response):
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def export(client, fmt, **params):
    response = client.get(BOOKINGS_URL, {"export": fmt, **params})
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


class TestGroups:
    def test_coordinators_run_bookings_and_registers(self):
        codenames = set(Group.objects.get(name=HUB_COORDINATORS).permissions.values_list("codename", flat=True))
        assert {"view_booking", "change_booking", "view_attendance", "add_attendance", "change_attendance"} <= codenames
        assert "view_health_details" not in codenames
        assert "delete_booking" not in codenames and "add_booking" not in codenames

    def test_safeguarding_leads_see_health_details_but_change_nothing(self):
        codenames = set(Group.objects.get(name=HUB_SAFEGUARDING_LEADS).permissions.values_list("codename", flat=True))
        assert codenames == {"access_admin", "view_booking", "view_health_details"}

    def test_editors_get_nothing_on_bookings(self):
        editors = Group.objects.get(name=HUB_EDITORS)
        assert not editors.permissions.filter(content_type__app_label="bookings").exists()


class TestList:
    def test_filters_by_programme_run_status_and_kind(self, coordinator_client, make_run, add_booking):
        first, second = make_run(), make_run(booking_mode=BookingMode.PARTICIPANT)
        confirmed = add_booking(first, school_name="Westfield Academy")
        waiting = add_booking(first, status=BookingStatus.WAITLISTED, school_name="Eastfield High")
        participant = add_booking(second, places=1)

        def listed(**params):
            content = coordinator_client.get(BOOKINGS_URL, params).content.decode()
            return {b.reference for b in (confirmed, waiting, participant) if b.reference in content}

        assert listed() == {confirmed.reference, waiting.reference, participant.reference}
        assert listed(programme=str(second.programme_id)) == {participant.reference}
        assert listed(run=str(first.pk)) == {confirmed.reference, waiting.reference}
        assert listed(run=str(first.pk), status="waitlisted") == {waiting.reference}
        assert listed(kind="participant") == {participant.reference}
        assert listed(run="not-a-number") == {confirmed.reference, waiting.reference, participant.reference}

    def test_searches_by_school_contact_and_reference(self, coordinator_client, make_run, add_booking):
        run = make_run()
        westfield = add_booking(run, school_name="Westfield Academy", contact_email="sam@westfield.example.org")
        eastfield = add_booking(run, school_name="Eastfield High", contact_name="Kim Head", contact_email="kim@e.org")

        def found(term):
            content = coordinator_client.get(BOOKINGS_URL, {"q": term}).content.decode()
            return {b.reference for b in (westfield, eastfield) if b.reference in content}

        assert found("westfield") == {westfield.reference}
        assert found("Kim Head") == {eastfield.reference}
        assert found("sam@westfield") == {westfield.reference}
        assert found(eastfield.reference) == {eastfield.reference}

    def test_list_makes_the_same_number_of_queries_for_2_or_20_bookings(
        self, coordinator_client, make_run, add_booking
    ):
        def queries():
            coordinator_client.get(BOOKINGS_URL)
            with CaptureQueriesContext(connection) as captured:
                response = coordinator_client.get(BOOKINGS_URL)
            assert response.status_code == 200
            return len(captured)

        runs = [make_run(), make_run(booking_mode=BookingMode.PARTICIPANT)]
        for run in runs:
            add_booking(run, places=1)
        few = queries()
        runs += [make_run() for _ in range(3)]
        for index in range(18):
            add_booking(runs[index % len(runs)], places=1)
        assert Booking.objects.count() == 20
        assert queries() == few

    @pytest.mark.parametrize("group", [HUB_EDITORS, None])
    def test_staff_without_booking_permissions_cannot_list(self, client, staff, group, make_run, add_booking):
        booking = add_booking(make_run())
        client.force_login(staff(group))
        response = client.get(BOOKINGS_URL)
        assert response.status_code in {302, 403}
        assert booking.reference not in client.get(BOOKINGS_URL, follow=True).content.decode()

    def test_anonymous_visitor_is_sent_to_log_in(self, client):
        response = client.get(BOOKINGS_URL)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=/admin/")


class TestHealthDetails:
    def test_coordinator_inspects_without_health_details(self, coordinator_client, make_run, add_booking):
        booking = add_booking(make_run(booking_mode=BookingMode.PARTICIPANT), places=1)
        response = coordinator_client.get(inspect_url(booking))
        content = response.content.decode()
        assert response.status_code == 200
        assert "Jamie Young" in content and booking.reference in content
        assert MEDICAL_NEEDS not in content and "Medical needs" not in content
        assert EMERGENCY_PHONE not in content and "Vegetarian" not in content
        assert "no-store" in response["Cache-Control"]
        edit_form = coordinator_client.get(f"{BOOKINGS_URL}edit/{booking.pk}/").content.decode()
        assert "Alex Parent" in edit_form and MEDICAL_NEEDS not in edit_form and 'name="status"' not in edit_form

    def test_safeguarding_lead_inspects_with_health_details(self, client, staff, make_run, add_booking):
        booking = add_booking(make_run(booking_mode=BookingMode.PARTICIPANT), places=1)
        client.force_login(staff(HUB_SAFEGUARDING_LEADS))
        content = client.get(inspect_url(booking)).content.decode()
        assert MEDICAL_NEEDS in content and EMERGENCY_PHONE in content and "Vegetarian" in content
        assert action_url("cancel", booking) not in content, "a safeguarding lead cannot change bookings"

    def test_inspect_shows_the_rows_of_the_booking_s_kind_with_yes_and_no(self, client, staff, make_run, add_booking):
        school = add_booking(make_run(), places=2, terms_accepted=True)
        participant = add_booking(make_run(booking_mode=BookingMode.PARTICIPANT), places=1)
        client.force_login(staff(HUB_SAFEGUARDING_LEADS))

        school_page = client.get(inspect_url(school)).content.decode()
        participant_page = client.get(inspect_url(participant)).content.decode()

        assert "<dd>True</dd>" not in school_page + participant_page
        assert "<dd>False</dd>" not in school_page + participant_page
        assert ">terms accepted</dt>" in school_page.lower() and "<dd>Yes</dd>" in school_page
        for participant_row in ("parent or guardian consent", "photo consent", "date of birth", "young person"):
            assert f">{participant_row}" not in school_page.lower()
        assert "parent or guardian consent</dt>" in participant_page.lower()
        assert "<dd>Yes</dd>" in participant_page and "<dd>No</dd>" in participant_page
        for school_row in ("school urn", "year groups", "terms accepted"):
            assert f">{school_row}</dt>" not in participant_page.lower()

    def test_coordinator_csv_and_xlsx_leave_out_health_columns(self, coordinator_client, make_run, add_booking):
        booking = add_booking(make_run(booking_mode=BookingMode.PARTICIPANT), places=1)
        _, content = export(coordinator_client, "csv")
        assert booking.reference in content.decode()
        assert MEDICAL_NEEDS not in content.decode() and EMERGENCY_PHONE not in content.decode()
        assert "medical needs" not in content.decode().lower()
        _, content = export(coordinator_client, "xlsx")
        cells = [str(c) for row in openpyxl.load_workbook(io.BytesIO(content)).active.values for c in row]
        assert booking.reference in cells
        assert MEDICAL_NEEDS not in cells and "medical needs" not in {c.lower() for c in cells}

    def test_safeguarding_lead_exports_health_columns(self, client, staff, make_run, add_booking):
        booking = add_booking(make_run(booking_mode=BookingMode.PARTICIPANT), places=1)
        client.force_login(staff(HUB_SAFEGUARDING_LEADS))
        _, content = export(client, "csv")
        rows = list(csv.DictReader(io.StringIO(content.decode())))
        assert rows[0]["Medical needs"] == MEDICAL_NEEDS
        assert rows[0]["Emergency contact phone"] == EMERGENCY_PHONE
        _, content = export(client, "xlsx")
        cells = [str(c) for row in openpyxl.load_workbook(io.BytesIO(content)).active.values for c in row]
        assert booking.reference in cells and MEDICAL_NEEDS in cells


class TestExports:
    def test_csv_has_its_content_type_and_the_filtered_bookings(self, coordinator_client, make_run, add_booking):
        first, second = make_run(), make_run()
        wanted, other = add_booking(first), add_booking(second)
        response, content = export(coordinator_client, "csv", run=str(first.pk))
        assert response["Content-Type"].startswith("text/csv")
        assert "no-store" in response["Cache-Control"]
        rows = list(csv.DictReader(io.StringIO(content.decode())))
        assert [row["Reference"] for row in rows] == [wanted.reference]
        assert rows[0]["School"] == "Westfield Academy"
        assert other.reference not in content.decode()

    def test_csv_neutralises_formulas_typed_by_the_public(self, coordinator_client, make_run, add_booking):
        add_booking(make_run(), school_name='=HYPERLINK("http://evil.example","Click")', contact_name="@SUM(A1)")
        _, content = export(coordinator_client, "csv")
        (row,) = csv.DictReader(io.StringIO(content.decode()))
        assert row["School"] == '\'=HYPERLINK("http://evil.example","Click")'
        assert row["Contact name"] == "'@SUM(A1)"

    def test_blank_details_export_blank_not_a_quoted_dash(self, coordinator_client, make_run, add_booking):
        """wagtail-modeladmin writes "-" for a blank value, which the formula check then turned into "'-"."""
        add_booking(make_run(), school_urn="", additional_needs="")
        _, content = export(coordinator_client, "csv")
        (row,) = csv.DictReader(io.StringIO(content.decode()))
        assert row["School URN"] == "" and row["Additional needs"] == ""
        assert row["Offer expires"] == ""
        assert row["Places"] == "2"
        _, content = export(coordinator_client, "xlsx")
        header, row = openpyxl.load_workbook(io.BytesIO(content)).active.values
        assert row[header.index("School URN")] is None and row[header.index("Offer expires")] is None

    def test_xlsx_opens_with_openpyxl(self, coordinator_client, make_run, add_booking):
        booking = add_booking(make_run(), places=3)
        response, content = export(coordinator_client, "xlsx")
        assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        header, *rows = openpyxl.load_workbook(io.BytesIO(content)).active.values
        assert header[0] == "Reference"
        assert [row[0] for row in rows] == [booking.reference]
        assert rows[0][header.index("Places")] == 3


ACTIONS = {
    # action: (state before, status after)
    "confirm": (BookingStatus.PENDING, BookingStatus.CONFIRMED),
    "decline": (BookingStatus.PENDING, BookingStatus.DECLINED),
    "cancel": (BookingStatus.CONFIRMED, BookingStatus.CANCELLED),
    "offer": (BookingStatus.WAITLISTED, BookingStatus.OFFERED),
}


class TestActions:
    @pytest.mark.parametrize("action", ACTIONS)
    def test_coordinator_action_goes_through_the_service_and_the_audit_log(
        self, client, staff, make_run, add_booking, action
    ):
        before, after = ACTIONS[action]
        booking = add_booking(make_run(capacity=10), status=before)
        coordinator = staff(HUB_COORDINATORS)
        client.force_login(coordinator)
        assert action_url(action, booking) in client.get(inspect_url(booking)).content.decode()

        response = client.post(action_url(action, booking), {"next": inspect_url(booking)})

        assert response.status_code == 302 and response["Location"] == inspect_url(booking)
        booking.refresh_from_db()
        assert booking.status == after
        assert logged(booking, f"bookings.{action}").filter(user=coordinator).count() == 1
        assert any(booking.reference in text for text in message_texts(response))
        history = client.get(f"{BOOKINGS_URL}history/{booking.pk}/").content.decode()
        assert coordinator.get_username() in history or coordinator.email in history

    @pytest.mark.parametrize("action", ACTIONS)
    @pytest.mark.parametrize("group", ["anonymous", HUB_EDITORS, None, HUB_SAFEGUARDING_LEADS])
    def test_others_are_refused_and_nothing_changes(self, client, staff, make_run, add_booking, action, group):
        before, _ = ACTIONS[action]
        booking = add_booking(make_run(capacity=10), status=before)
        if group != "anonymous":
            client.force_login(staff(group))
        response = client.post(action_url(action, booking), {"next": inspect_url(booking)})
        assert response.status_code in {302, 403}
        if response.status_code == 302:
            assert response["Location"] != inspect_url(booking)
        booking.refresh_from_db()
        assert booking.status == before
        assert not logged(booking, f"bookings.{action}").exists()

    @pytest.mark.parametrize("action", ACTIONS)
    def test_get_changes_nothing(self, coordinator_client, make_run, add_booking, action):
        before, _ = ACTIONS[action]
        booking = add_booking(make_run(capacity=10), status=before)
        assert coordinator_client.get(action_url(action, booking)).status_code == 405
        booking.refresh_from_db()
        assert booking.status == before
        assert not HubLogEntry.objects.filter(object_id=str(booking.pk)).exists()

    def test_post_without_csrf_token_is_refused(self, staff, make_run, add_booking):
        booking = add_booking(make_run(), status=BookingStatus.PENDING)
        client = Client(enforce_csrf_checks=True)
        client.force_login(staff(HUB_COORDINATORS))
        assert client.post(action_url("confirm", booking)).status_code == 403
        booking.refresh_from_db()
        assert booking.status == BookingStatus.PENDING

    def test_confirming_a_confirmed_booking_shows_the_error(self, coordinator_client, make_run, add_booking):
        booking = add_booking(make_run(), status=BookingStatus.CONFIRMED)
        response = coordinator_client.post(action_url("confirm", booking))
        assert response.status_code == 302 and response["Location"] == inspect_url(booking)
        assert message_texts(response) == [str(InvalidTransition.message)]
        booking.refresh_from_db()
        assert booking.status == BookingStatus.CONFIRMED
        assert not logged(booking, "bookings.confirm").exists()

    def test_offering_more_than_is_free_shows_the_error(self, coordinator_client, make_run, add_booking):
        run = make_run(capacity=3)
        add_booking(run, places=2)
        waiting = add_booking(run, places=2, status=BookingStatus.WAITLISTED)
        response = coordinator_client.post(action_url("offer", waiting), {"next": inspect_url(waiting)}, follow=True)
        assert str(NotEnoughPlaces.message) in response.content.decode()
        waiting.refresh_from_db()
        assert waiting.status == BookingStatus.WAITLISTED
        assert not logged(waiting, "bookings.offer").exists()

    def test_next_url_on_another_host_is_ignored(self, coordinator_client, make_run, add_booking):
        booking = add_booking(make_run(), status=BookingStatus.PENDING)
        response = coordinator_client.post(action_url("confirm", booking), {"next": "https://evil.example.com/"})
        assert response["Location"] == inspect_url(booking)

    def test_unknown_booking_is_not_found(self, coordinator_client):
        assert coordinator_client.post(reverse("bookings_admin:confirm", args=[999999])).status_code == 404


def test_booking_saves_stay_out_of_the_reference_index():
    assert not ReferenceIndex.is_indexed(Booking)
