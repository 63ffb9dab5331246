"""The allocation screen: a coordinator allocates a closed run's requests with one button and reads the report;
staff without the right, and staff of another hub, cannot."""

from datetime import timedelta

import pytest

from bookings.choices import BookingStatus
from bookings.models import Allocation
from programmes.choices import Allocation as AllocationMethod
from tests.factories.users import hub_coordinator, hub_editor, safeguarding_lead

from .test_hub_scoping import book, run_in, text

pytestmark = pytest.mark.django_db


def allocation_url(run):
    return f"/admin/bookings/runs/{run.pk}/allocation/"


@pytest.fixture
def closed_runs(hub, other_hub, programme_index, now):
    """A run in each hub that allocates after its window, closed yesterday, with three requests for 10 places."""
    from tests.factories import ProgrammeIndexPageFactory

    fields = {
        "allocation": AllocationMethod.AFTER_WINDOW,
        "per_school_cap": 6,
        "booking_opens": now - timedelta(days=10),
        "booking_closes": now - timedelta(days=1),
        "priority_rules": ["priority_school"],
        "priority_school_urns": "100001",
    }
    ours = run_in(programme_index, "Our Programme", now=now, **fields)
    theirs = run_in(ProgrammeIndexPageFactory(parent=other_hub.site.root_page), "Their Programme", now=now, **fields)
    for run in (ours, theirs):
        run.requests = [
            book(run, "Harbour School", BookingStatus.REQUESTED, places=6),
            book(run, "Hillside", BookingStatus.REQUESTED, places=5),
            book(run, "Moor School", BookingStatus.REQUESTED, places=4),
        ]
    return ours, theirs


def refused(response):
    """Wagtail answers a permission refused in its admin with a redirect to the dashboard and a message."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def signed_in(client, user):
    client.force_login(user)
    return client


def test_a_coordinator_allocates_and_reads_the_report(client, hub, closed_runs):
    ours, _theirs = closed_runs
    client = signed_in(client, hub_coordinator(hubs=[hub], username="ours"))

    before = text(client.get(allocation_url(ours)))
    response = client.post(allocation_url(ours), {"action": "allocate"})
    report = text(client.get(allocation_url(ours)))
    again = client.post(allocation_url(ours), {"action": "allocate"})
    verified = text(client.get(client.post(allocation_url(ours), {"action": "verify"})["Location"]))

    assert "3 requests are waiting for the allocation." in before
    assert "Allocate places and email everyone" in before
    assert response.status_code == 302
    record = Allocation.objects.get(run=ours)
    assert str(record.seed) in report
    assert report.count('data-outcome="offered"') + report.count('data-outcome="waiting"') == 3
    assert "Offered 6 places" in report or "Offered 5 places" in report
    assert "Waiting, 1st on the waiting list for this cohort: not enough places were left" in report
    assert again.status_code == 302 and Allocation.objects.count() == 1
    assert "Allocating again from the record gives the same places." in verified
    assert not Allocation.objects.filter(run=_theirs).exists()


def test_another_hubs_run_is_not_found(client, hub, closed_runs):
    _ours, theirs = closed_runs
    client = signed_in(client, hub_coordinator(hubs=[hub], username="ours"))

    assert client.get(allocation_url(theirs)).status_code == 404
    assert client.post(allocation_url(theirs), {"action": "allocate"}).status_code == 404
    assert not Allocation.objects.exists()
    theirs.requests[0].refresh_from_db()
    assert theirs.requests[0].status == BookingStatus.REQUESTED


def test_staff_who_may_see_but_not_change_bookings_cannot_allocate(client, hub, closed_runs):
    ours, _theirs = closed_runs
    client = signed_in(client, safeguarding_lead(username="lead"))

    page = text(client.get(allocation_url(ours)))

    assert "A hub coordinator can allocate the places." in page
    assert "Allocate places and email everyone" not in page
    assert refused(client.post(allocation_url(ours), {"action": "allocate"}))
    assert refused(client.post(allocation_url(ours), {"action": "verify"}))
    assert not Allocation.objects.exists()


def test_editors_and_signed_out_people_get_nothing(client, closed_runs):
    ours, _theirs = closed_runs

    assert client.get(allocation_url(ours))["Location"].startswith("/accounts/login/")
    assert client.post(allocation_url(ours), {"action": "allocate"})["Location"].startswith("/accounts/login/")
    client = signed_in(client, hub_editor(username="editor"))
    assert refused(client.get(allocation_url(ours)))
    assert refused(client.post(allocation_url(ours), {"action": "allocate"}))
    assert not Allocation.objects.exists()


def test_a_run_still_open_cannot_be_allocated_yet(client, hub, closed_runs, now):
    ours, _theirs = closed_runs
    ours.booking_closes = now + timedelta(days=2)
    ours.save()
    client = signed_in(client, hub_coordinator(hubs=[hub], username="ours"))

    page = text(client.get(allocation_url(ours)))
    client.post(allocation_url(ours), {"action": "allocate"})

    assert "Places can be allocated after that." in page
    assert not Allocation.objects.exists()


def test_a_coordinator_sets_a_run_to_allocate_with_its_rules(client, hub, programme_index, now):
    from tests.bookings.data import run_form_data

    run = run_in(programme_index, "Our Programme", now=now)
    client = signed_in(client, hub_coordinator(hubs=[hub], username="ours"))
    data = run_form_data(run, allocation=AllocationMethod.AFTER_WINDOW, priority_school_urns="100001 100002")
    data["priority_rules"] = ["priority_school", "not_placed_last_run"]

    form_page = text(client.get(f"/admin/programmes/run/edit/{run.pk}/"))
    response = client.post(f"/admin/programmes/run/edit/{run.pk}/", data)

    assert 'value="not_placed_last_run"' in form_page
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.allocates_after_window
    assert run.priority_rule_list == ["priority_school", "not_placed_last_run"]
    assert run.priority_urns == {"100001", "100002"}
    data["priority_rules"] = ["made_up"]
    assert client.post(f"/admin/programmes/run/edit/{run.pk}/", data).status_code == 200
