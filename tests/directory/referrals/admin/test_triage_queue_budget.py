"""The triage queue at 10,000 referrals (two hubs, with actions) stays within a fixed number of queries, by default
and filtered, and its listing query is answered from an index rather than a scan of every referral."""

import random
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directory.referrals.choices import ActionStatus, Category, Priority, ReportType, Source, Status
from directory.referrals.models import Referral, ReferralAction
from tests.factories import AreaFactory, OrganisationFactory, hub_coordinator, superuser
from tests.factories.hubs import make_hub, the_default_hub

pytestmark = pytest.mark.django_db

ADMIN = "/admin/referrals/referral/"
REFERRALS = 10_000
# Measured 18 for a coordinator of one hub and 16 for a superuser, whatever the filter, sort or page: the counts,
# one page of rows (its hub, area and lead agency joined), the filters' areas and hubs, and the session and
# permissions; the same for 30 referrals as for 10,000.
QUEUE_BUDGET = 18

STATUSES = [
    (Status.SUBMITTED, 3),
    (Status.ACCEPTED, 4),
    (Status.IN_PROGRESS, 8),
    (Status.DECLINED, 15),
    (Status.RESOLVED, 50),
    (Status.CLOSED, 20),
]


@pytest.fixture
def ten_thousand_referrals(db):
    rng = random.Random(12)
    now = timezone.now()
    today = timezone.localdate()
    hubs = [the_default_hub(), make_hub("Carrick")]
    areas = {hub.pk: [AreaFactory(hub=hub) for _ in range(4)] for hub in hubs}
    agency = OrganisationFactory()
    statuses, weights = zip(*STATUSES, strict=True)
    referrals = []
    for index in range(REFERRALS):
        hub = hubs[index % 2]
        status = rng.choices(statuses, weights)[0]
        submitted = now - timedelta(days=rng.randint(0, 700), minutes=index)
        accepted = status not in (Status.SUBMITTED, Status.DECLINED)
        referrals.append(
            Referral(
                hub=hub,
                source=rng.choice([Source.PUBLIC, Source.PARTNER]),
                status=status,
                category=Category.NUISANCE,
                report_type=ReportType.NOISE,
                location_description="Market Square",
                description="Noise at night",
                area=rng.choice(areas[hub.pk]),
                vulnerable_person=rng.random() < 0.2,
                priority=rng.choice(Priority.values) if accepted else "",
                lead_agency=agency if accepted else None,
                target_contact_date=today + timedelta(days=rng.randint(-30, 10)) if accepted else None,
                review_date=today + timedelta(days=rng.randint(-30, 60)) if accepted else None,
                submitted_at=submitted,
                finished_at=now if status in (Status.DECLINED, Status.RESOLVED, Status.CLOSED) else None,
            )
        )
    Referral.objects.bulk_create(referrals, batch_size=1000)
    actions = [
        ReferralAction(
            referral=referral,
            organisation=agency,
            description="Visit",
            due_date=today + timedelta(days=rng.randint(-10, 20)),
            status=ActionStatus.OPEN if referral.status == Status.IN_PROGRESS else ActionStatus.DONE,
        )
        for referral in Referral.objects.exclude(status__in=(Status.SUBMITTED, Status.DECLINED, Status.ACCEPTED))
        for _ in range(2)
    ]
    ReferralAction.objects.bulk_create(actions, batch_size=1000)
    return hubs


VIEWS = [
    {},
    {"status": "all"},
    {"status": "declined"},
    {"status": "in_progress", "priority": "P1", "source": "public"},
    {"category": "nuisance", "p": "3"},
    {"status": "all", "o": "6"},
    {"q": "HUB"},
]


def listing_plan(client):
    """SQLite's plan for the query that reads the queue's page of referrals."""
    with CaptureQueriesContext(connection) as captured:
        client.get(ADMIN)
    listing = [query["sql"] for query in captured.captured_queries if 'AS "queue_bucket"' in query["sql"]]
    assert len(listing) == 1
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + listing[0])
        return [row[-1] for row in cursor.fetchall()]


def test_the_queue_at_ten_thousand_referrals_stays_within_its_query_budget(
    ten_thousand_referrals, django_assert_max_num_queries
):
    for user in (hub_coordinator(), superuser()):
        client = Client()
        client.force_login(user)
        for params in VIEWS:
            client.get(ADMIN, params)  # Wagtail's per-process caches
            with django_assert_max_num_queries(QUEUE_BUDGET):
                response = client.get(ADMIN, params)
            assert response.status_code == 200, params
            assert "referrals" in response.content.decode()

    if connection.vendor == "sqlite":
        # The open referrals of the user's hub are found through an index (the hub's, or referral_queue_idx on
        # the status), never by reading every referral; the computed order sorts only those rows.
        plan = listing_plan(client)
        assert any(step.startswith("SEARCH referrals_referral USING INDEX") for step in plan), plan
        assert not any(step.startswith("SCAN referrals_referral") for step in plan), plan
