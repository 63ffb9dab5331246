"""What a member of the public may see: a referral only through its private status link. The token is
looked up by its hash (``portal.tokens``); an unknown token finds nothing."""

from directory.referrals.models import Referral
from portal.tokens import find_by_token


def referral_for_token(token):
    """The referral the status link ``token`` belongs to, with only what the status page shows; or None."""
    return find_by_token(
        Referral.objects.only("reference", "status", "submitted_at", "hub_id"), "status_token_hash", token
    )
