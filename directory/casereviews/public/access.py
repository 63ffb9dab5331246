"""What a member of the public may see: an ASB Case Review only through its private status link, looked up by the
token's hash (``portal.tokens``)."""

from directory.casereviews.models import CaseReview
from portal.tokens import find_by_token


def case_review_for_token(token):
    """The application the status link ``token`` belongs to, with only what the status page shows; or None."""
    fields = (
        "reference",
        "status",
        "submitted_at",
        "hub_id",
        "status_token_hash",
        "threshold",
        "decided_at",
        "review_held_on",
        "recommendations_made",
        "recommendations",
        "response",
        "responded_at",
    )
    return find_by_token(CaseReview.objects.only(*fields), "status_token_hash", token)
