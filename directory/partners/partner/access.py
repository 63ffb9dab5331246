"""The partner pages' one gate: signed in, a member of an organisation, and objects looked up only through the
person's memberships (the rule itself is the root's ``permissions``, which the referrals' partner pages share)."""

from directory.partners.permissions import organisation_for, partner_organisations, partner_required, service_for

__all__ = ["organisation_for", "partner_organisations", "partner_required", "service_for"]
