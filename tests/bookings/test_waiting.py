"""Waiting lists people can see and trust: positions, booking part now and waiting for the rest, offers that
run out, and allocating a run's places after its booking window (with the outbox inspected)."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command

from bookings import services, waiting
from bookings.choices import BookingStatus
from bookings.errors import AllocationNotDue, NotEnoughPlaces
from bookings.models import Allocation, Booking
from portal.models import OutboundEmail
from programmes.choices import Allocation as AllocationMethod
from programmes.choices import BookingMode
from tests.support import render_queued_emails

pytestmark = pytest.mark.django_db


@pytest.fixture
def book(school_details, now):
    def make(run, places, at=None, **details):
        booking, _token = services.book_places(
            run_id=run.pk,
            kind=run.booking_mode,
            places=places,
            details=school_details | details,
            now=at or now,
        )
        return booking

    return make


@pytest.fixture
def allocating_run(make_run, now):
    return make_run(
        capacity=10,
        per_school_cap=6,
        allocation=AllocationMethod.AFTER_WINDOW,
        priority_rules=["priority_school", "not_placed_last_run"],
        priority_school_urns="100001, 100002",
    )


def emails_to_subject(start):
    render_queued_emails()
    return list(OutboundEmail.objects.filter(subject__startswith=start).order_by("pk"))


class TestPositions:
    def test_each_waiting_booking_knows_its_place_in_one_query(self, make_run, book, now, django_assert_num_queries):
        run = make_run(capacity=2)
        book(run, 2)
        first, second, third = (book(run, 1, at=now + timedelta(minutes=minute)) for minute in (1, 2, 3))

        with django_assert_num_queries(1):
            assert second.waiting_position() == 2
        assert (first.waiting_position(), third.waiting_position()) == (1, 3)
        services.cancel_booking(booking_id=first.pk, now=now)
        third.refresh_from_db()
        assert third.waiting_position() == 2

    def test_a_booking_not_waiting_has_no_position(self, make_run, book):
        assert book(make_run(capacity=5), 2).waiting_position() is None

    def test_the_waiting_email_says_where_it_stands(self, make_run, book, now):
        run = make_run(capacity=1)
        book(run, 1)
        book(run, 1, at=now + timedelta(minutes=1))
        book(run, 1, at=now + timedelta(minutes=2))

        bodies = [email.body for email in emails_to_subject("On the waiting list")]
        assert "It is 1st on the waiting list for this cohort." in bodies[0]
        assert "It is 2nd on the waiting list for this cohort." in bodies[1]


class TestBookPartAndWait:
    def test_holds_the_places_left_and_puts_the_rest_on_the_waiting_list(self, make_run, book, school_details, now):
        run = make_run(capacity=10)
        book(run, 5)

        held, token = waiting.book_part_and_wait(
            run_id=run.pk, places=5, waiting_places=1, details=school_details, submission_key="k1", now=now
        )

        part = held.waiting_parts.get()
        assert (held.places, held.status, token is not None) == (5, BookingStatus.CONFIRMED, True)
        assert (part.places, part.status, part.split_from_id) == (1, BookingStatus.WAITLISTED, held.pk)
        assert run.bookings.places_held() == 10
        waiting_email = emails_to_subject("On the waiting list")[-1]
        assert held.reference in waiting_email.body and "1st on the waiting list" in waiting_email.body
        again, again_token = waiting.book_part_and_wait(
            run_id=run.pk, places=5, waiting_places=1, details=school_details, submission_key="k1", now=now
        )
        assert (again, again_token) == (held, None)
        assert Booking.objects.filter(run=run).count() == 3

    def test_refuses_when_the_places_went_meanwhile_and_makes_nothing(self, make_run, book, school_details, now):
        run = make_run(capacity=10)
        book(run, 6)

        with pytest.raises(NotEnoughPlaces):
            waiting.book_part_and_wait(run_id=run.pk, places=5, waiting_places=1, details=school_details, now=now)

        assert Booking.objects.filter(run=run).count() == 1

    def test_freed_places_go_to_the_waiting_part(self, make_run, book, school_details, now):
        run = make_run(capacity=10)
        other = book(run, 5)
        held, _ = waiting.book_part_and_wait(run_id=run.pk, places=5, waiting_places=1, details=school_details, now=now)

        services.cancel_booking(booking_id=other.pk, now=now)

        assert held.waiting_parts.get().status == BookingStatus.OFFERED


class TestOfferExpiry:
    def offer(self, run, book, now):
        holder = book(run, 4)
        offered = book(run, 4, at=now + timedelta(minutes=1))
        services.cancel_booking(booking_id=holder.pk, now=now)
        offered.refresh_from_db()
        assert offered.status == BookingStatus.OFFERED
        return offered

    def test_nobody_waiting_the_email_says_the_places_are_free_again(self, make_run, book, now):
        run = make_run(capacity=4)
        offered = self.offer(run, book, now)

        assert services.expire_offers(now=now + timedelta(hours=49)) == 1

        offered.refresh_from_db()
        assert offered.status == BookingStatus.OFFER_EXPIRED
        assert offered.get_status_display() == "Offer not accepted in time"
        email = emails_to_subject("Offer not accepted in time").pop()
        assert "The offer was not accepted by then, so we have closed your booking." in email.body
        assert "Nobody else was waiting, so the places are free again." in email.body
        assert "next booking" not in email.body and "next person" not in email.body

    def test_someone_waiting_the_email_says_the_places_went_to_them(self, make_run, book, now):
        run = make_run(capacity=4)
        offered = self.offer(run, book, now)
        next_in_line = book(run, 3, at=now + timedelta(minutes=2))

        services.expire_offers(now=now + timedelta(hours=49))

        next_in_line.refresh_from_db()
        assert next_in_line.status == BookingStatus.OFFERED
        email = emails_to_subject("Offer not accepted in time").pop()
        assert offered.reference in email.subject
        assert "The places have been offered to the next booking on the waiting list." in email.body
        assert "free again" not in email.body


class TestAllocation:
    def requests(self, run, book, now):
        """Five requests: two from Harbour (URN 100003), one from a priority school."""
        made = [
            book(run, 6, school_name="Harbour School", school_urn="100003"),
            book(run, 4, school_name="Hillside", school_urn="100001"),
            book(run, 5, school_name="Westfield Academy", school_urn="100004"),
            book(run, 3, school_name="Harbour School", school_urn="100003"),
            book(run, 2, school_name="Moor School", school_urn=""),
        ]
        assert {booking.status for booking in made} == {BookingStatus.REQUESTED}
        return made

    def test_requests_wait_for_the_allocation_and_are_told_so(self, allocating_run, book, now):
        booking = book(allocating_run, 4)

        assert booking.status == BookingStatus.REQUESTED
        assert allocating_run.bookings.places_held() == 0
        email = emails_to_subject("Request received").pop()
        assert "once booking closes" in email.body and booking.reference in email.subject

    def test_not_before_the_window_closes_nor_on_a_first_come_run(self, allocating_run, make_run, now):
        with pytest.raises(AllocationNotDue):
            waiting.allocate_run(run_id=allocating_run.pk, now=now)
        with pytest.raises(AllocationNotDue):
            waiting.allocate_run(run_id=make_run().pk, now=now + timedelta(days=20))
        assert not Allocation.objects.exists()

    def test_allocates_by_cap_rules_and_lottery_and_tells_everyone_at_once(self, allocating_run, book, now):
        _harbour, hillside, _westfield, harbour_again, _moor = self.requests(allocating_run, book, now)
        closed = allocating_run.booking_closes + timedelta(minutes=1)

        record, made = waiting.allocate_run(run_id=allocating_run.pk, seed=11, now=closed)

        assert made and record.seed == 11 and record.rules == ["priority_school", "not_placed_last_run"]
        statuses = dict(Booking.objects.filter(run=allocating_run).values_list("pk", "status"))
        assert statuses[hillside.pk] == BookingStatus.OFFERED, "the priority school comes first"
        assert statuses[harbour_again.pk] == BookingStatus.WAITLISTED, "a school's second request comes last"
        assert allocating_run.bookings.places_held() <= 10
        offered = Booking.objects.filter(run=allocating_run, status=BookingStatus.OFFERED)
        assert all(booking.offer_expires_at == closed + services.offer_lifetime() for booking in offered)
        waiting_list = list(allocating_run.bookings.waiting())
        assert [booking.waiting_position() for booking in waiting_list] == list(range(1, len(waiting_list) + 1))
        assert len(emails_to_subject("A place is free for you")) == offered.count()
        waiting_emails = emails_to_subject("On the waiting list")
        assert len(waiting_emails) == len(waiting_list)
        assert "1st on the waiting list for this cohort" in waiting_emails[0].body
        assert "Places on this run have been allocated" in emails_to_subject("A place is free for you")[0].body

    def test_running_again_changes_nothing_and_the_record_verifies(self, allocating_run, book, now):
        self.requests(allocating_run, book, now)
        closed = allocating_run.booking_closes + timedelta(minutes=1)
        record, _made = waiting.allocate_run(run_id=allocating_run.pk, now=closed)
        before = list(Booking.objects.filter(run=allocating_run).order_by("pk").values_list("status", "places"))
        emails = OutboundEmail.objects.count()

        again, made = waiting.allocate_run(run_id=allocating_run.pk, now=closed + timedelta(hours=1))

        assert (again, made) == (record, False)
        assert list(Booking.objects.filter(run=allocating_run).order_by("pk").values_list("status", "places")) == before
        assert OutboundEmail.objects.count() == emails
        assert waiting.verify_allocation(run_id=allocating_run.pk)
        Allocation.objects.filter(pk=record.pk).update(capacity=0)
        assert not waiting.verify_allocation(run_id=allocating_run.pk), "a record changed afterwards is caught"

    def test_the_same_seed_gives_the_same_places(self, make_run, book, now):
        results = []
        for _attempt in range(2):
            run = make_run(capacity=8, per_school_cap=4, allocation=AllocationMethod.AFTER_WINDOW)
            for index in range(6):
                book(run, 2 + index % 3, school_name=f"School {index}")
            waiting.allocate_run(run_id=run.pk, seed=99, now=run.booking_closes)
            results.append(list(run.bookings.order_by("pk").values_list("status", "waiting_order")))
        assert results[0] == results[1]

    def test_a_school_placed_on_the_last_run_comes_after_those_that_were_not(self, make_run, book, now):
        earlier = make_run(capacity=10, booking_closes=now + timedelta(days=1))
        book(earlier, 5, school_name="Placed School", school_urn="200001")
        later = make_run(
            capacity=5,
            allocation=AllocationMethod.AFTER_WINDOW,
            priority_rules=["not_placed_last_run"],
            booking_closes=now + timedelta(days=2),
        )
        later.programme = earlier.programme
        later.save()
        placed_before = book(later, 5, school_name="Placed School", school_urn="200001")
        new_school = book(later, 5, school_name="New School", school_urn="200002")

        record, _ = waiting.allocate_run(run_id=later.pk, seed=1, now=later.booking_closes)

        placed_before.refresh_from_db(), new_school.refresh_from_db()
        assert (new_school.status, placed_before.status) == (BookingStatus.OFFERED, BookingStatus.WAITLISTED)
        matches = {request["booking"]: request["matches"] for request in record.requests}
        assert matches == {placed_before.pk: [], new_school.pk: ["not_placed_last_run"]}
        assert "Placed School" not in str(record.requests), "the record names no school"

    def test_participant_runs_allocate_one_place_each_without_a_school_cap(self, make_run, now):
        from tests.bookings.data import PARTICIPANT_DETAILS

        run = make_run(capacity=2, booking_mode=BookingMode.PARTICIPANT, allocation=AllocationMethod.AFTER_WINDOW)
        for name in ("Ana", "Ben", "Cy"):
            services.book_places(
                run_id=run.pk,
                kind=BookingMode.PARTICIPANT,
                places=1,
                details=PARTICIPANT_DETAILS | {"participant_name": name},
                now=now,
            )

        waiting.allocate_run(run_id=run.pk, now=run.booking_closes)

        assert sorted(run.bookings.values_list("status", flat=True)) == ["offered", "offered", "waitlisted"]

    def test_the_command_allocates_due_runs_once_and_verifies(self, allocating_run, book, now, capsys):
        self.requests(allocating_run, book, now)
        from unittest import mock

        later = allocating_run.booking_closes + timedelta(minutes=5)
        with mock.patch("bookings.waiting.timezone.now", return_value=later):
            call_command("allocate_places")
            call_command("allocate_places")
        call_command("allocate_places", "--verify", "--run", str(allocating_run.pk))

        assert capsys.readouterr().out.splitlines() == [
            "Allocated 1 run(s).",
            "Allocated 0 run(s).",
            f"Run {allocating_run.pk}: allocating again from the record gives the same places.",
        ]
        with pytest.raises(CommandError):
            call_command("allocate_places", "--verify", "--run", str(allocating_run.pk + 1000))
