"""The triage queue opens on the work in hand: open referrals only, new ones first (someone vulnerable or P1 on
top), then overdue contacts, overdue reviews, then the rest by the date they are due; finished referrals only when
the status filter asks for them; never another hub's. The order is the database's, so pages split it right."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from directory.referrals.choices import Priority, Status
from directory.referrals.models import Referral
from directory.referrals.wagtail_hooks import ReferralAdmin
from tests.factories import OrganisationFactory, hub_coordinator, superuser
from tests.factories.hubs import make_hub
from tests.factories.referrals import ReferralFactory

pytestmark = pytest.mark.django_db

ADMIN = "/admin/referrals/referral/"


def rows(client, **params):
    """The references in the queue's table, in the order shown."""
    response = client.get(ADMIN, params)
    assert response.status_code == 200
    content = response.content.decode()
    start = content.find('<table class="listing')
    content = content[start : content.find("</table>", start)] if start >= 0 else ""
    references = set(Referral.objects.values_list("reference", flat=True))
    seen = []
    for reference in re.findall(r"HUB-\w{4}-\w{4}", content):
        if reference in references and reference not in seen:
            seen.append(reference)
    return seen


@pytest.fixture
def coordinator_client(coordinator):
    client = Client()
    client.force_login(coordinator)
    return client


def make(days_ago, **fields):
    return ReferralFactory(submitted_at=timezone.now() - timedelta(days=days_ago), **fields)


def accepted(days_ago, *, contact_in=None, review_in=None, status=Status.ACCEPTED, priority=Priority.P2):
    today = timezone.localdate()
    return make(
        days_ago,
        accepted=True,
        status=status,
        priority=priority,
        target_contact_date=today + timedelta(days=contact_in) if contact_in is not None else None,
        review_date=today + timedelta(days=review_in) if review_in is not None else None,
    )


@pytest.fixture
def queue():
    """One referral of every kind, named by where it belongs; the keys are in the order the queue shows them."""
    lead = OrganisationFactory()
    in_progress = {"status": Status.IN_PROGRESS, "contact_in": -20}
    made = {
        "new vulnerable, older": make(3, vulnerable_person=True),
        "new vulnerable, newer": make(1, vulnerable_person=True),
        "new, oldest": make(10),
        "new, newest": make(0),
        "contact overdue by 5 days": accepted(6, contact_in=-5, review_in=20),
        "contact overdue by 1 day": accepted(9, contact_in=-1, review_in=20, priority=Priority.P1),
        "review overdue by 3 days": accepted(40, review_in=-3, **in_progress),
        "review overdue by 1 day": accepted(41, review_in=-1, **in_progress),
        "contact due tomorrow": accepted(2, contact_in=1, review_in=28, priority=Priority.P3),
        "review due in 5 days, older": accepted(30, review_in=5, **in_progress),
        "review due in 5 days, newer": accepted(20, review_in=5, **in_progress),
        "review due in 12 days": accepted(50, review_in=12, **in_progress),
        "no date": accepted(60, **in_progress),
    }
    for referral in made.values():
        Referral.objects.filter(pk=referral.pk).update(lead_agency=lead)
    finished = {
        "declined": make(5, declined=True, finished_at=timezone.now() - timedelta(days=1)),
        "resolved": make(70, resolved=True, finished_at=timezone.now() - timedelta(days=2)),
        "closed": make(80, closed=True, finished_at=timezone.now() - timedelta(days=3)),
    }
    return made, finished


def references(referrals):
    return [referral.reference for referral in referrals]


def test_the_queue_lists_the_work_in_hand_in_order_across_buckets(coordinator_client, queue):
    made, finished = queue
    assert rows(coordinator_client) == references(made.values())
    page = coordinator_client.get(ADMIN).content.decode()
    assert "Work in hand: 13 referrals" in page
    assert not set(references(finished.values())) & set(rows(coordinator_client))


def test_the_order_is_the_databases_so_pages_continue_it(coordinator_client, queue, monkeypatch):
    made, _finished = queue
    monkeypatch.setattr(ReferralAdmin, "list_per_page", 5)
    pages = [rows(coordinator_client, p=number) for number in (1, 2, 3)]
    assert [len(page) for page in pages] == [5, 5, 3]
    assert [reference for page in pages for reference in page] == references(made.values())


def test_finished_referrals_show_only_when_asked(coordinator_client, queue):
    made, finished = queue
    page = coordinator_client.get(ADMIN).content.decode()
    assert 'href="?status=all"' in page and "Show finished referrals" in page

    everything = rows(coordinator_client, status="all")
    assert everything == [*references(made.values()), *references(finished.values())], "finished last, newest first"
    page = coordinator_client.get(ADMIN, {"status": "all"}).content.decode()
    assert "All referrals, including finished: 16 referrals" in page and "Show the work in hand only" in page

    for status in ("declined", "resolved", "closed"):
        assert rows(coordinator_client, status=status) == [finished[status].reference]
    assert "Declined: 1 referral" in coordinator_client.get(ADMIN, {"status": "declined"}).content.decode()
    assert rows(coordinator_client, status="submitted") == references(list(made.values())[:4])
    assert rows(coordinator_client, status="not-a-status") == references(made.values())


def test_a_search_by_reference_finds_a_finished_referral(coordinator_client, queue):
    _made, finished = queue
    wanted = finished["closed"].reference
    assert rows(coordinator_client, q=wanted) == [wanted]
    assert "including finished referrals: 1 referral" in coordinator_client.get(ADMIN, {"q": wanted}).content.decode()


def test_the_user_can_still_sort_by_a_column(coordinator_client, queue):
    made, _finished = queue
    by_reference = sorted(references(made.values()))
    assert rows(coordinator_client, o="0") == by_reference
    assert rows(coordinator_client, o="-0") == by_reference[::-1]
    by_age = rows(coordinator_client, o="6")  # youngest first: "age" sorts on the date received, newest first
    assert by_age[0] == made["new, newest"].reference and by_age[-1] == made["no date"].reference


def test_another_hubs_referrals_are_never_listed(coordinator_client, queue):
    made, _finished = queue
    carrick = make_hub("Carrick")
    theirs_open = ReferralFactory(hub=carrick, vulnerable_person=True)
    theirs_closed = ReferralFactory(hub=carrick, closed=True)
    theirs = {theirs_open.reference, theirs_closed.reference}
    for params in ({}, {"status": "all"}, {"status": "closed"}, {"status": "submitted"}):
        page = coordinator_client.get(ADMIN, params).content.decode()
        assert theirs_open.reference not in page and theirs_closed.reference not in page, params
    for reference in theirs:
        assert rows(coordinator_client, q=reference) == []
        assert (
            "Search results, including finished referrals: 0 referrals"
            in coordinator_client.get(ADMIN, {"q": reference}).content.decode()
        )

    their_coordinator = Client()
    their_coordinator.force_login(hub_coordinator(hubs=[carrick]))
    assert rows(their_coordinator) == [theirs_open.reference]
    assert set(rows(their_coordinator, status="all")) == theirs

    # Someone working for both hubs sees both queues merged in one order.
    both = Client()
    both.force_login(superuser())
    assert rows(both)[0] == made["new vulnerable, older"].reference
    assert set(rows(both)) == {*references(made.values()), theirs_open.reference}
