"""Who hears what about an ASB Case Review. The applicant gets the reference and the private status link, which
shows the decision and the outcome: never what they told us, by email. Hub coordinators get a link to the admin."""

from django.urls import reverse

from directory.referrals.notifications import triage_staff_emails
from portal.outbox import queue_email
from portal.site import absolute_url


def status_url(token, hub):
    return absolute_url(reverse("casereviews:status", args=[token]), hub=hub)


def admin_url(case_review):
    return absolute_url(reverse("casereviews_casereview_modeladmin_inspect", args=[case_review.pk]))


def _to_applicant(case_review, template, token):
    if not case_review.contact_email or not token:
        return
    context = {"reference": case_review.reference, "status_url": status_url(token, case_review.hub)}
    queue_email(to=case_review.contact_email, template=template, context=context, hub=case_review.hub)


def application_received(case_review, token):
    _to_applicant(case_review, "case_review_received", token)
    context = {"reference": case_review.reference, "url": admin_url(case_review)}
    for email in triage_staff_emails(case_review.hub):
        queue_email(to=email, template="case_review_staff_alert", context=context, hub=case_review.hub)


def decision_made(case_review):
    _to_applicant(case_review, "case_review_decision", case_review.status_token_again())


def outcome_sent(case_review):
    _to_applicant(case_review, "case_review_outcome", case_review.status_token_again())
