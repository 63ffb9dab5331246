from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from home.models import HomePage, StandardPage
from programmes.choices import BookingMode, BookingWindow
from programmes.models import ProgrammeIndexPage, ProgrammePage, Run
from tests.factories import ProgrammePageFactory, RunFactory, SessionFactory

pytestmark = pytest.mark.django_db


class TestPageTree:
    def test_programme_pages_live_only_under_the_programme_index(self):
        assert ProgrammePage.can_create_at(ProgrammeIndexPage())
        assert not ProgrammePage.can_create_at(HomePage())
        assert not ProgrammePage.can_create_at(StandardPage())

    def test_programme_index_lives_under_home_and_only_once(self, programme_index, home_page):
        assert ProgrammeIndexPage.can_exist_under(home_page)
        assert not ProgrammeIndexPage.can_create_at(home_page)

    def test_each_hub_has_its_own_home_page_at_the_top_and_one_programme_index(self, home_page, programme_index):
        assert HomePage.can_create_at(home_page.get_parent()), "another hub's home page goes beside this one"
        assert not HomePage.can_create_at(home_page)
        assert not ProgrammeIndexPage.can_create_at(home_page), "one programme index per hub"

    def test_standard_pages_nest_under_home_and_each_other(self):
        assert StandardPage.can_exist_under(HomePage())
        assert StandardPage.can_exist_under(StandardPage())
        assert not StandardPage.can_exist_under(ProgrammeIndexPage())
        assert ProgrammePage.allowed_subpage_models() == []


class TestProgrammeAges:
    def test_oldest_age_below_youngest_is_refused(self, programme_index):
        programme = ProgrammePageFactory.build(min_age=16, max_age=13)
        with pytest.raises(ValidationError) as error:
            programme_index.add_child(instance=programme)
        assert "max_age" in error.value.message_dict

    @pytest.mark.parametrize(
        ("low", "high", "label"),
        [
            (13, 16, "Ages 13 to 16"),
            (12, None, "Ages 12 and over"),
            (None, 11, "Up to age 11"),
            (None, None, "All ages"),
        ],
    )
    def test_age_range_label(self, low, high, label):
        assert str(ProgrammePage(min_age=low, max_age=high).age_range_label) == label

    def test_for_age_keeps_open_ended_ranges(self, programme_index):
        teens = ProgrammePageFactory(parent=programme_index, min_age=13, max_age=16)
        everyone = ProgrammePageFactory(parent=programme_index, min_age=None, max_age=None)
        adults = ProgrammePageFactory(parent=programme_index, min_age=18, max_age=None)
        assert set(ProgrammePage.objects.for_age(14)) == {teens, everyone}
        assert set(ProgrammePage.objects.for_age(18)) == {everyone, adults}


class TestRunRules:
    def test_booking_must_close_after_it_opens(self, programme_index):
        run = RunFactory.build(programme=ProgrammePageFactory(parent=programme_index))
        run.booking_closes = run.booking_opens - timedelta(hours=1)
        with pytest.raises(ValidationError) as error:
            run.full_clean()
        assert "booking_closes" in error.value.message_dict

    def test_school_cap_cannot_exceed_capacity(self, programme_index):
        run = RunFactory.build(programme=ProgrammePageFactory(parent=programme_index), capacity=10, per_school_cap=11)
        with pytest.raises(ValidationError) as error:
            run.full_clean()
        assert "per_school_cap" in error.value.message_dict

    def test_school_cap_only_for_school_bookings(self, programme_index):
        run = RunFactory.build(
            programme=ProgrammePageFactory(parent=programme_index),
            booking_mode=BookingMode.PARTICIPANT,
            per_school_cap=5,
        )
        with pytest.raises(ValidationError) as error:
            run.full_clean()
        assert "per_school_cap" in error.value.message_dict

    def test_database_refuses_zero_capacity_even_without_validation(self, programme_index):
        programme = ProgrammePageFactory(parent=programme_index)
        with pytest.raises(IntegrityError), transaction.atomic():
            RunFactory(programme=programme, capacity=0)

    def test_session_must_end_after_it_starts(self, programme_index):
        session = SessionFactory.build(run=RunFactory(programme=ProgrammePageFactory(parent=programme_index)))
        session.end = session.start
        with pytest.raises(ValidationError) as error:
            session.full_clean()
        assert "end" in error.value.message_dict


class TestRunBookingStatus:
    def test_status_follows_the_booking_window(self, programme_index):
        now = timezone.now()
        run = RunFactory(
            programme=ProgrammePageFactory(parent=programme_index),
            booking_opens=now + timedelta(days=1),
            booking_closes=now + timedelta(days=5),
        )
        assert run.booking_status(now) == BookingWindow.NOT_YET_OPEN
        assert run.booking_status(now + timedelta(days=2)) == BookingWindow.OPEN
        assert run.booking_status(now + timedelta(days=5)) == BookingWindow.CLOSED

    def test_upcoming_and_open_for_booking(self, programme_index):
        programme = ProgrammePageFactory(parent=programme_index)
        now = timezone.now()
        finished = RunFactory(programme=programme)
        SessionFactory(run=finished, start=now - timedelta(days=3), end=now - timedelta(days=3, hours=-2))
        open_run = RunFactory(programme=programme)
        SessionFactory(run=open_run, start=now + timedelta(days=20))
        not_open = RunFactory(programme=programme, booking_opens=now + timedelta(days=2))
        SessionFactory(run=not_open, start=now + timedelta(days=40))

        assert set(Run.objects.upcoming(now)) == {open_run, not_open}
        assert list(Run.objects.open_for_booking(now)) == [open_run]

    def test_places_left_is_capacity_before_any_booking(self, programme_index):
        run = RunFactory(programme=ProgrammePageFactory(parent=programme_index), capacity=24)
        assert run.places_left == 24
