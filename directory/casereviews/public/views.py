"""The public ASB Case Review application (no account). Thin: form -> service -> redirect. The same anti-abuse
as the report: a honeypot, a minimum time to fill and an hourly per-address limit (``CASE_REVIEW_RATE_LIMIT``)."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from directory.casereviews.models import CaseReview, CaseReviewSettings
from directory.casereviews.services import submit_application
from portal.hubs import hub_for_request
from portal.journeys.pages import AnonymousJourneyPages, anonymous_journey_page, submit_once
from portal.ratelimit import HourlyLimit

from .journey import Journey, pop_confirmation, split_details

SUBMISSIONS = HourlyLimit("casereviews", "CASE_REVIEW_RATE_LIMIT")


@never_cache
@require_GET
def start(request):
    journey = Journey(request.session)
    hub = hub_for_request(request)
    rules = CaseReviewSettings.for_hub(hub.pk) if hub else None
    context = {"first_url": journey.url(journey.first_step), "rules": rules}
    return render(request, "casereviews/public/start.html", context)


application_page = anonymous_journey_page(Journey, "casereviews/public/not_sent.html")


class ApplicationPages(AnonymousJourneyPages):
    check_template = "casereviews/public/check_answers.html"
    rate_limited_template = "casereviews/public/rate_limited.html"
    confirmation_url = reverse_lazy("casereviews:confirmation")
    start_url = reverse_lazy("casereviews:start")
    not_sent_template = "casereviews/public/not_sent.html"
    timed_out_message = _lazy(
        "Your answers were not saved because you did not use the form for a while. Start again to apply."
    )

    def submit(self, form, answered):
        if refused := self.too_fast():
            return refused
        submission_key = form.cleaned_data["submission_key"]
        details, reports = split_details(self.journey.details(answered))
        case_review, _token = submit_once(
            self.request,
            SUBMISSIONS,
            submit_application,
            submission_key=submission_key,
            hub=hub_for_request(self.request),
            details=details,
            reports=reports,
        )
        token = case_review.status_token_again(submission_key) if not case_review.contact_email else None
        self.journey.finish(case_review, submission_key, token)
        return redirect(self.confirmation_url)


@application_page
def question(request, journey, step):
    return ApplicationPages(request, journey).question(step)


@application_page
def check_answers(request, journey):
    return ApplicationPages(request, journey).check_answers()


@never_cache
@require_GET
def confirmation(request):
    case_review_id, token = pop_confirmation(request.session)
    case_review = (
        CaseReview.objects.filter(pk=case_review_id).only("reference", "contact_email").first()
        if case_review_id
        else None
    )
    if case_review is None:
        raise Http404
    status_url = request.build_absolute_uri(reverse("casereviews:status", args=[token])) if token else None
    context = {"case_review": case_review, "status_url": status_url, "emailed": bool(case_review.contact_email)}
    return render(request, "casereviews/public/confirmation.html", context)
