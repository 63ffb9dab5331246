"""The dashboard's cost does not grow with the hubs' work: with 10,000 referrals across two hubs, their actions,
bookings, directory drafts and failing emails, a coordinator's and an editor's admin home stay within budget."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from bookings.choices import BookingStatus
from bookings.models import Booking
from directory.casereviews.models import CaseReview
from directory.models import Organisation
from directory.referrals.choices import ActionStatus, Priority, Status
from directory.referrals.models import Referral, ReferralAction
from portal.models import OutboundEmail
from tests.factories import OrganisationFactory, RunFactory, hub_coordinator, hub_editor
from tests.factories.pages import ProgrammePageFactory

pytestmark = pytest.mark.django_db

DASHBOARD_BUDGET = 20
REFERRALS = 10_000


@pytest.fixture
def busy_hubs(hub, other_hub, home_page):
    today = timezone.localdate()
    now = timezone.now()
    statuses = [Status.SUBMITTED, Status.ACCEPTED, Status.IN_PROGRESS, Status.CLOSED]
    agencies = [OrganisationFactory(name=f"Agency {n}", hubs=[hub, other_hub]) for n in range(8)]
    Referral.objects.bulk_create(
        Referral(
            hub=hub if n % 2 else other_hub,
            source="public",
            status=statuses[n % 4],
            category="nuisance",
            report_type="noise",
            location_description="Market Square",
            description="Noise",
            priority=Priority.P1 if n % 7 == 0 else "",
            vulnerable_person=n % 11 == 0,
            case_review_flag=n % 13 == 0,
            target_contact_date=today - timedelta(days=n % 5),
            review_date=today - timedelta(days=n % 3),
            submitted_at=now - timedelta(minutes=n),
        )
        for n in range(REFERRALS)
    )
    referral_ids = list(Referral.objects.filter(status=Status.ACCEPTED).values_list("pk", flat=True)[:2000])
    ReferralAction.objects.bulk_create(
        ReferralAction(
            referral_id=referral_id,
            organisation=agencies[n % 8],
            description="Visit",
            due_date=today - timedelta(days=n % 4),
            status=ActionStatus.OPEN,
        )
        for n, referral_id in enumerate(referral_ids)
    )
    for home, tag in ((home_page, "A"), (other_hub.site.root_page, "B")):
        programme = ProgrammePageFactory(parent=home, title=f"{tag} programme")
        for number in range(10):
            run = RunFactory(programme=programme, title=f"{tag} run {number}", capacity=100)
            Booking.objects.bulk_create(
                Booking(
                    run=run,
                    kind=run.booking_mode,
                    status=[BookingStatus.CONFIRMED, BookingStatus.PENDING, BookingStatus.OFFERED][b % 3],
                    offer_expires_at=now + timedelta(hours=b) if b % 3 == 2 else None,
                    places=number + 1,
                    manage_token_hash=f"{tag}-{number}-{b}",
                    contact_name="Sam",
                    contact_email="sam@example.org",
                    contact_phone="01632 960000",
                )
                for b in range(10)
            )
    Organisation.objects.filter(pk__in=[agency.pk for agency in agencies[:6]]).update(
        has_unpublished_changes=True, last_reviewed_at=None
    )
    CaseReview.objects.bulk_create(
        CaseReview(
            hub=hub if n % 2 else other_hub,
            reference=f"CR-BUSY-{n}",
            status=["received", "review_due", "reviewed", "closed"][n % 4],
            due_on=today - timedelta(days=n % 5 - 2),
            applicant_name="A",
            what_happened="x",
        )
        for n in range(500)
    )
    OutboundEmail.objects.bulk_create(
        OutboundEmail(
            to="x@example.org",
            subject="s",
            body="b",
            hub=hub if n % 2 else other_hub,
            template=["booking_cancelled", "referral_accepted"][n % 2],
            attempts=1 + n % 10,
        )
        for n in range(200)
    )


@pytest.mark.parametrize("make_user", [hub_coordinator, hub_editor], ids=["coordinator", "editor"])
def test_dashboard_query_budget(busy_hubs, make_user, django_assert_max_num_queries):
    client = Client()
    client.force_login(make_user())
    client.get("/admin/")  # Wagtail's per-process caches (content types, site root paths)
    with django_assert_max_num_queries(DASHBOARD_BUDGET):
        response = client.get("/admin/")
    assert response.status_code == 200
    assert b"dashboard-" in response.content
