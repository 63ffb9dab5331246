"""A run's places change only through ``services.change_run_capacity``: never below the places held, under the
run lock, and a rise offers the freed places to the waiting list. The runs admin's edit form goes through it."""

import pytest

from bookings import services
from bookings.choices import BookingStatus
from bookings.errors import CapacityBelowHeld, InvalidCapacity
from bookings.models import Booking
from portal.groups import HUB_COORDINATORS, HUB_EDITORS
from portal.models import HubLogEntry
from programmes.choices import BookingMode
from programmes.models import Run
from tests.bookings.data import run_form_data

pytestmark = pytest.mark.django_db


def edit_url(run):
    return f"/admin/programmes/run/edit/{run.pk}/"


class TestChangeRunCapacity:
    def test_lowers_places_down_to_exactly_the_places_held(self, make_run, add_booking):
        run = make_run(capacity=30)
        add_booking(run, places=20)
        add_booking(run, places=5, status=BookingStatus.PENDING)
        add_booking(run, places=4, status=BookingStatus.OFFERED)

        services.change_run_capacity(run_id=run.pk, capacity=29, per_school_cap=None)

        run.refresh_from_db()
        assert run.capacity == 29

    @pytest.mark.parametrize("capacity", [28, 20, 1])
    def test_refuses_fewer_places_than_are_held_and_changes_nothing(self, make_run, add_booking, capacity):
        run = make_run(capacity=30, per_school_cap=10)
        add_booking(run, places=10)
        add_booking(run, places=9, status=BookingStatus.PENDING)
        add_booking(run, places=10, status=BookingStatus.OFFERED)
        add_booking(run, places=10, status=BookingStatus.WAITLISTED)
        add_booking(run, places=10, status=BookingStatus.CANCELLED)

        with pytest.raises(CapacityBelowHeld) as refused:
            services.change_run_capacity(run_id=run.pk, capacity=capacity, per_school_cap=1)

        assert refused.value.held == 29
        assert "29 places are held by bookings on this run. Enter 29 or more" in refused.value.message
        run.refresh_from_db()
        assert (run.capacity, run.per_school_cap) == (30, 10)
        assert not HubLogEntry.objects.filter(action="bookings.change_capacity").exists()

    def test_more_places_are_offered_to_the_waiting_list_in_order(self, make_run, add_booking, now):
        run = make_run(capacity=10)
        add_booking(run, places=10)
        first = add_booking(run, places=4, status=BookingStatus.WAITLISTED)
        too_big = add_booking(run, places=6, status=BookingStatus.WAITLISTED)
        fits = add_booking(run, places=1, status=BookingStatus.WAITLISTED)

        services.change_run_capacity(run_id=run.pk, capacity=15, per_school_cap=None, now=now)

        assert [Booking.objects.get(pk=b.pk).status for b in (first, too_big, fits)] == [
            BookingStatus.OFFERED,
            BookingStatus.WAITLISTED,
            BookingStatus.OFFERED,
        ]
        assert Booking.objects.filter(run=run).held().count() == 3
        assert sum(Booking.objects.filter(run=run).held().values_list("places", flat=True)) == 15

    def test_a_change_is_in_the_runs_audit_log(self, make_run, add_booking, staff):
        run = make_run(capacity=10)
        add_booking(run, places=3)
        user = staff(HUB_COORDINATORS)
        services.change_run_capacity(run_id=run.pk, capacity=12, per_school_cap=None, user=user)
        entry = HubLogEntry.objects.get(action="bookings.change_capacity", object_id=str(run.pk))
        assert entry.user == user
        assert entry.data == {"from": 10, "to": 12, "held": 3}

    @pytest.mark.parametrize(
        ("capacity", "per_school_cap"), [(0, None), (-5, None), ("20", None), (None, None), (10, 11), (10, 0)]
    )
    def test_refuses_impossible_numbers(self, make_run, capacity, per_school_cap):
        run = make_run(capacity=10)
        with pytest.raises(InvalidCapacity):
            services.change_run_capacity(run_id=run.pk, capacity=capacity, per_school_cap=per_school_cap)
        run.refresh_from_db()
        assert run.capacity == 10


class TestRunsAdminEdit:
    @pytest.fixture
    def coordinator_client(self, client, staff):
        client.force_login(staff(HUB_COORDINATORS))
        return client

    def test_the_reported_case_30_to_20_with_29_held_is_refused_with_a_clear_error(
        self, coordinator_client, make_run, add_booking
    ):
        run = make_run(capacity=30, per_school_cap=10)
        for places in (10, 10, 9):
            add_booking(run, places=places)

        response = coordinator_client.post(edit_url(run), run_form_data(run, capacity=20))

        assert response.status_code == 200
        assert "29 places are held by bookings on this run. Enter 29 or more" in response.content.decode()
        assert response.context["form"].errors["capacity"]
        run.refresh_from_db()
        assert run.capacity == 30

    def test_the_edit_form_says_how_many_places_are_held(self, coordinator_client, make_run, add_booking):
        run = make_run(capacity=30)
        add_booking(run, places=7)
        assert "7 places are held by bookings now." in coordinator_client.get(edit_url(run)).text

    def test_lowering_places_and_the_school_cap_together_saves_both(self, coordinator_client, make_run, add_booking):
        run = make_run(capacity=30, per_school_cap=10)
        add_booking(run, places=5)

        response = coordinator_client.post(
            # Renaming a booked run emails its bookings: staff confirm that (issue 14).
            edit_url(run),
            run_form_data(run, capacity=8, per_school_cap=4, title="Smaller cohort", confirm_notify="yes"),
        )

        assert response.status_code == 302
        run.refresh_from_db()
        assert (run.capacity, run.per_school_cap, run.title) == (8, 4, "Smaller cohort")

    def test_raising_places_offers_them_to_the_waiting_list(self, coordinator_client, make_run, add_booking):
        run = make_run(capacity=10)
        add_booking(run, places=10)
        waiting = add_booking(run, places=3, status=BookingStatus.WAITLISTED)

        response = coordinator_client.post(edit_url(run), run_form_data(run, capacity=13))

        assert response.status_code == 302
        waiting.refresh_from_db()
        assert waiting.status == BookingStatus.OFFERED
        assert HubLogEntry.objects.filter(action="wagtail.edit", object_id=str(run.pk)).exists()

    def test_a_refused_change_keeps_every_other_answer_in_the_form(self, coordinator_client, make_run, add_booking):
        run = make_run(capacity=10)
        add_booking(run, places=6)

        response = coordinator_client.post(edit_url(run), run_form_data(run, capacity=5, title="Renamed"))

        assert response.status_code == 200
        assert response.context["form"]["title"].value() == "Renamed"
        run.refresh_from_db()
        assert (run.capacity, run.title) != (5, "Renamed")

    def test_an_editor_cannot_change_a_runs_places(self, client, staff, make_run):
        run = make_run(capacity=10)
        client.force_login(staff(HUB_EDITORS))
        response = client.post(edit_url(run), run_form_data(run, capacity=50))
        assert response.status_code in {302, 403}
        run.refresh_from_db()
        assert run.capacity == 10

    def test_participant_runs_are_edited_too(self, coordinator_client, make_run, add_booking):
        run = make_run(capacity=4, booking_mode=BookingMode.PARTICIPANT)
        for _ in range(3):
            add_booking(run, places=1)
        assert coordinator_client.post(edit_url(run), run_form_data(run, capacity=2)).status_code == 200
        assert coordinator_client.post(edit_url(run), run_form_data(run, capacity=3)).status_code == 302
        assert Run.objects.get(pk=run.pk).capacity == 3
