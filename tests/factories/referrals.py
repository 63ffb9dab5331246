from datetime import timedelta

import factory
from django.utils import timezone

from directory.referrals.choices import ActionStatus, Category, Priority, ReportType, Source, Status
from directory.referrals.models import Referral, ReferralAction
from portal.tokens import hash_token

from .directory import OrganisationFactory
from .hubs import the_default_hub


class ReferralFactory(factory.django.DjangoModelFactory):
    """A resident's report waiting for triage, made directly (not through the services: no email, no log entry).

    Traits: ``from_partner`` (referred by a partner of the referring organisation), ``accepted`` (P2, led by an
    agency), ``declined``, ``resolved``, ``closed``; or set ``status`` and the fields it needs.
    """

    hub = factory.LazyFunction(the_default_hub)
    source = Source.PUBLIC
    status = Status.SUBMITTED
    category = Category.NUISANCE
    report_type = ReportType.NOISE
    location_description = "Benches by the war memorial, Market Square"
    description = "A group drinks on the benches every evening and shouts at passers-by."
    reporter_name = "Alex Resident"
    reporter_email = factory.Sequence(lambda n: f"resident{n}@example.org")
    status_token_hash = factory.Sequence(lambda n: hash_token(f"referral-factory-{n}"))

    class Meta:
        model = Referral

    class Params:
        from_partner = factory.Trait(
            source=Source.PARTNER,
            referring_organisation=factory.SubFactory(OrganisationFactory),
            referred_by=factory.SubFactory("tests.factories.users.UserFactory"),
            reporter_name="",
            reporter_email="",
        )
        accepted = factory.Trait(
            status=Status.ACCEPTED,
            priority=Priority.P2,
            lead_agency=factory.SubFactory(OrganisationFactory),
            accepted_at=factory.LazyFunction(timezone.now),
            target_contact_date=factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=2)),
        )
        declined = factory.Trait(status=Status.DECLINED, finished_at=factory.LazyFunction(timezone.now))
        resolved = factory.Trait(
            status=Status.RESOLVED,
            accepted_at=factory.LazyFunction(timezone.now),
            finished_at=factory.LazyFunction(timezone.now),
        )
        closed = factory.Trait(
            status=Status.CLOSED,
            accepted_at=factory.LazyFunction(timezone.now),
            finished_at=factory.LazyFunction(timezone.now),
        )


class ReferralActionFactory(factory.django.DjangoModelFactory):
    """An open action an agency took on for an accepted referral, due in a week."""

    referral = factory.SubFactory(ReferralFactory, accepted=True)
    organisation = factory.SubFactory(OrganisationFactory)
    description = "Patrol the square on Friday evenings"
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))
    status = ActionStatus.OPEN

    class Meta:
        model = ReferralAction
