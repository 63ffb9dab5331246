"""Who may work on ASB Case Reviews: the hub coordinators who triage referrals (``referrals.triage_referral``),
and only on the applications of the hubs they work for (``portal.hubs``). Another hub's application is not found.
Nobody adds, edits or deletes an application outside the services."""

from django.http import Http404
from wagtail_modeladmin.helpers import PermissionHelper

from directory.casereviews.models import CaseReview
from portal.hubs import hub_ids_for

PERMISSION = "referrals.triage_referral"


def can_manage(user):
    return user.is_authenticated and user.has_perm(PERMISSION)


def case_reviews_for(user):
    if not can_manage(user):
        return CaseReview.objects.none()
    return CaseReview.objects.filter(hub_id__in=hub_ids_for(user))


def case_review_or_404(user, case_review_id):
    case_review = case_reviews_for(user).filter(pk=case_review_id).first()
    if case_review is None:
        raise Http404
    return case_review


class CaseReviewPermissionHelper(PermissionHelper):
    def user_can_list(self, user):
        return can_manage(user)

    def user_can_inspect_obj(self, user, obj):
        return can_manage(user) and obj.hub_id in hub_ids_for(user)

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False
