from .bookings import BookingFactory
from .directory import (
    AreaFactory,
    OrganisationFactory,
    ServiceContactFactory,
    ServiceFactory,
    ServiceLocationFactory,
    ServiceScheduleFactory,
)
from .pages import HomePageFactory, ProgrammeIndexPageFactory, ProgrammePageFactory, StandardPageFactory
from .partners import InvitationFactory, PartnerMembershipFactory
from .programmes import RunFactory, SessionFactory
from .referrals import ReferralActionFactory, ReferralFactory
from .users import UserFactory, hub_coordinator, hub_editor, partner_of, safeguarding_lead, staff_user, superuser

__all__ = [
    "AreaFactory",
    "BookingFactory",
    "HomePageFactory",
    "InvitationFactory",
    "OrganisationFactory",
    "PartnerMembershipFactory",
    "ProgrammeIndexPageFactory",
    "ProgrammePageFactory",
    "ReferralActionFactory",
    "ReferralFactory",
    "RunFactory",
    "ServiceContactFactory",
    "ServiceFactory",
    "ServiceLocationFactory",
    "ServiceScheduleFactory",
    "SessionFactory",
    "StandardPageFactory",
    "UserFactory",
    "hub_coordinator",
    "hub_editor",
    "partner_of",
    "safeguarding_lead",
    "staff_user",
    "superuser",
]
