"""The priority location page and the agenda at 10,000 referrals stay within 20 queries, the same as with a
handful; building the agenda is a fixed number of aggregate queries too; the triage queue marks referrals at a
priority location in its one listing query."""

import random
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from directory.referrals.choices import Category, Priority, ReportType, Source, Status
from directory.referrals.models import Referral, ReferralAction
from directory.tasking import services
from tests.factories import AreaFactory, OrganisationFactory, hub_coordinator
from tests.factories.hubs import make_hub, the_default_hub

pytestmark = pytest.mark.django_db

REFERRALS = 10_000
BUDGET = 20
POSTCODES = ["WF1 1AA", "WF1 1AB", "WF2 2BB", "WF3 3CC"]


@pytest.fixture
def ten_thousand(db):
    rng = random.Random(13)
    now = timezone.now()
    hubs = [the_default_hub(), make_hub("Carrick")]
    areas = {hub.pk: AreaFactory(hub=hub) for hub in hubs}
    agency = OrganisationFactory(hubs=hubs)
    statuses = [Status.SUBMITTED, Status.ACCEPTED, Status.IN_PROGRESS, Status.RESOLVED, Status.CLOSED]
    referrals = []
    for index in range(REFERRALS):
        hub = hubs[index % 2]
        postcode = rng.choice(POSTCODES)
        status = rng.choice(statuses)
        submitted = now - timedelta(days=rng.randint(0, 500), minutes=index)
        referrals.append(
            Referral(
                hub=hub,
                source=Source.PUBLIC,
                status=status,
                category=Category.NUISANCE,
                report_type=ReportType.STREET_DRINKING,
                location_description="Market Square",
                description="Drinking",
                postcode=postcode,
                place_key="pc:" + postcode.replace(" ", ""),
                area=areas[hub.pk],
                priority=rng.choice([Priority.P1, Priority.P2, Priority.P3]) if status != Status.SUBMITTED else "",
                submitted_at=submitted,
                accepted_at=submitted if status != Status.SUBMITTED else None,
                review_date=(submitted + timedelta(days=28)).date(),
                case_review_flag=index % 50 == 0,
                reference=f"HUB-{index:04d}-BULK",
            )
        )
    Referral.objects.bulk_create(referrals, batch_size=1000)
    in_progress = Referral.objects.filter(status=Status.IN_PROGRESS).values_list("pk", flat=True)[:300]
    ReferralAction.objects.bulk_create(
        ReferralAction(
            referral_id=pk, organisation=agency, description="Visit", due_date=now.date() - timedelta(days=pk % 9)
        )
        for pk in in_progress
    )
    hub = hubs[0]
    location = services.create_priority_location(
        hub=hub, user=None, name="Market Square", reason="Drinking", postcodes=POSTCODES[:2]
    )
    services.change_location_status(location_id=location.pk, user=None, step="agree")
    for index in range(12):
        services.add_location_action(
            location_id=location.pk,
            user=None,
            organisation_id=agency.pk,
            description=f"Response {index}",
            due_date=now.date() + timedelta(days=index - 6),
        )
    for index in range(6):
        services.add_event(
            hub=hub, user=None, name=f"Event {index}", starts_on=now.date() + timedelta(days=index * 9), place="Park"
        )
    return hub, location


def test_the_location_page_and_the_agenda_stay_within_budget(ten_thousand, django_assert_max_num_queries):
    hub, location = ten_thousand
    client = Client()
    client.force_login(hub_coordinator(hubs=[hub], username="cora", email="cora@example.org"))
    url = reverse("tasking_admin:location", args=[location.pk])
    client.get(url)
    with django_assert_max_num_queries(BUDGET):
        body = client.get(url).content.decode()
    assert 'data-table="months"' in body and "Response 11" in body

    with CaptureQueriesContext(connection) as building:
        meeting = services.schedule_meeting(hub=hub, user=None, held_on=timezone.localdate(), chair="Inspector")
    assert len(building.captured_queries) <= BUDGET, "\n".join(q["sql"][:150] for q in building.captured_queries)
    assert meeting.items.count() > 60  # a big agenda, each section of referrals capped

    url = reverse("tasking_admin:meeting", args=[meeting.pk])
    client.get(url)
    with django_assert_max_num_queries(BUDGET):
        body = client.get(url).content.decode()
    assert "Event 0" in body and "and " in body
    with django_assert_max_num_queries(BUDGET):
        client.get(reverse("tasking_admin:meeting_minutes", args=[meeting.pk]))
    with django_assert_max_num_queries(BUDGET):
        response = client.get(reverse("tasking_admin:meeting_download", args=[meeting.pk]))
    assert response.status_code == 200

    # The triage queue: the mark is a subquery of its one listing query, not a query per row.
    queue = "/admin/referrals/referral/"
    client.get(queue)
    with django_assert_max_num_queries(18):
        body = client.get(queue).content.decode()
    assert "Priority location" in body
