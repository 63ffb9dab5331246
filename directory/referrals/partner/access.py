"""Who may use the partner referral pages, and the only way they look up referrals and actions.

Built on the partners domain's gate: signed in and a member of an organisation. Every lookup is scoped to the
signed-in person (DESIGN invariant 3): their own referrals and their organisations' actions; anything else is
a 404.
"""

from directory.partners.models import PartnerMembership
from directory.partners.permissions import partner_organisations, partner_required
from directory.referrals.models import Referral, ReferralAction

__all__ = ["assigned_actions", "partner_organisations", "partner_required", "referrals_made_by"]


def assigned_actions(user):
    """The actions assigned to the organisations ``user`` acts for."""
    organisation_ids = PartnerMembership.objects.organisation_ids_for(user)
    return ReferralAction.objects.filter(organisation_id__in=organisation_ids).select_related(
        "referral__area", "organisation"
    )


def referrals_made_by(user):
    """The referrals ``user`` made themselves."""
    return Referral.objects.filter(referred_by=user)
