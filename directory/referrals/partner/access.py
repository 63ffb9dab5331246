"""Who may use the partner referral pages, and the only way they look up referrals and actions.

Built on the partners domain's gate: signed in and a member of an organisation. Every lookup is scoped to the
signed-in person (DESIGN invariant 3): their own referrals and their organisations' actions; anything else is
a 404.
"""

from directory.partners.models import HubPartnership, PartnerMembership
from directory.partners.permissions import partner_organisations, partner_required
from directory.referrals.models import Referral, ReferralAction

__all__ = ["assigned_actions", "partner_hubs", "partner_organisations", "partner_required", "referrals_made_by"]


def partner_hubs(organisations):
    """(the hubs the organisations work with, in list order; {organisation id: set of its hub ids})."""
    partnerships = HubPartnership.objects.filter(organisation__in=organisations).select_related("hub")
    hubs, by_organisation = {}, {}
    for partnership in partnerships:
        hubs[partnership.hub_id] = partnership.hub
        by_organisation.setdefault(partnership.organisation_id, set()).add(partnership.hub_id)
    ordered = sorted(hubs.values(), key=lambda hub: (hub.sort_order, hub.name))
    return ordered, by_organisation


def assigned_actions(user):
    """The actions assigned to the organisations ``user`` acts for."""
    organisation_ids = PartnerMembership.objects.organisation_ids_for(user)
    return ReferralAction.objects.assigned_to(organisation_ids).select_related(
        "referral__area", "referral__hub", "organisation"
    )


def referrals_made_by(user):
    """The referrals ``user`` made themselves."""
    return Referral.objects.filter(referred_by=user).select_related("hub")
