"""Finished ASB Case Reviews lose their personal data after the retention period, with a controlled clock; the
published figures do not change; open ones are never touched."""

from datetime import timedelta

import pytest

from directory.casereviews import services
from directory.casereviews.models import CaseReview
from directory.casereviews.retention import PERSONAL_FIELDS, anonymise_finished_case_reviews
from portal.tokens import find_by_token

from .conftest import NOW

pytestmark = pytest.mark.django_db

BOUNDARY = timedelta(days=731)  # 24 months at 30.44 days


def test_finished_applications_are_anonymised_after_the_period_and_open_ones_never(submit):
    finished, token = submit(submission_key="k")
    services.decide_threshold(
        case_review_id=finished.pk, user=None, met=False, threshold="national", note="One report.", now=NOW
    )
    still_open, _ = submit(now=NOW - timedelta(days=900))
    figures = list(CaseReview.objects.yearly_figures())

    assert anonymise_finished_case_reviews(now=NOW + BOUNDARY - timedelta(days=1)) == 0
    assert anonymise_finished_case_reviews(now=NOW + BOUNDARY + timedelta(days=1)) == 1
    assert anonymise_finished_case_reviews(now=NOW + BOUNDARY + timedelta(days=2)) == 0

    finished.refresh_from_db()
    assert all(getattr(finished, name) == "" for name in PERSONAL_FIELDS)
    assert find_by_token(CaseReview.objects.all(), "status_token_hash", token) is None
    assert {report.their_reference for report in finished.reports.all()} == {""}
    assert CaseReview.objects.get(pk=still_open.pk).applicant_name == "Alex Resident"
    assert list(CaseReview.objects.yearly_figures()) == figures
