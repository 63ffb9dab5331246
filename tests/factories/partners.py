import factory
from django.utils import timezone

from directory.partners.models import Invitation, PartnerMembership

from .directory import OrganisationFactory


class PartnerMembershipFactory(factory.django.DjangoModelFactory):
    """A user's membership of an organisation (``partner_of`` in ``users`` makes a partner in one go)."""

    user = factory.SubFactory("tests.factories.users.UserFactory")
    organisation = factory.SubFactory(OrganisationFactory)

    class Meta:
        model = PartnerMembership


class InvitationFactory(factory.django.DjangoModelFactory):
    """An invitation row, sent now and not yet accepted (made directly, not through ``invite_partner``, so no
    email is queued). Traits: ``accepted`` (by a new user), ``withdrawn``."""

    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    organisation = factory.SubFactory(OrganisationFactory)
    invited_by = None

    class Meta:
        model = Invitation

    class Params:
        accepted = factory.Trait(
            accepted_at=factory.LazyFunction(timezone.now),
            accepted_by=factory.SubFactory("tests.factories.users.UserFactory"),
        )
        withdrawn = factory.Trait(revoked_at=factory.LazyFunction(timezone.now))
