"""The public anti-social behaviour report (no account). Thin: form -> service -> redirect.

Anti-abuse without puzzles: a honeypot field, a minimum time from the first question to sending, and a
per-address limit on reports an hour, counted in the cache (Redis in production).
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from directory.referrals.models import Referral
from directory.referrals.services import submit_report
from portal.hubs import hub_for_request
from portal.journeys.pages import AnonymousJourneyPages, anonymous_journey_page, submit_once
from portal.ratelimit import HourlyLimit

from .journey import Journey, pop_confirmation

SUBMISSIONS = HourlyLimit("referrals", "REPORT_RATE_LIMIT")


@never_cache
@require_GET
def start(request):
    journey = Journey(request.session)
    context = {
        "first_url": journey.url(journey.first_step),
        "case_review_url": reverse("casereviews:start"),
        "figures_url": reverse("residents:figures"),
    }
    return render(request, "referrals/report/start.html", context)


report_page = anonymous_journey_page(Journey, "referrals/report/not_sent.html")


class ReportPages(AnonymousJourneyPages):
    check_template = "referrals/report/check_answers.html"
    rate_limited_template = "referrals/report/rate_limited.html"
    confirmation_url = reverse_lazy("referrals:confirmation")
    start_url = reverse_lazy("referrals:start")
    not_sent_template = "referrals/report/not_sent.html"
    timed_out_message = _lazy(
        "Your answers were not saved because you did not use the form for a while. Start again to send a report."
    )

    def submit(self, form, answered):
        """Send the report holding one of the address's reports this hour; a repeat of one already sent gives it
        back. Answers sent sooner after the first question than a person could type them are refused."""
        if refused := self.too_fast():
            return refused
        submission_key = form.cleaned_data["submission_key"]
        referral, _token = submit_once(
            self.request,
            SUBMISSIONS,
            submit_report,
            submission_key=submission_key,
            hub=hub_for_request(self.request),
            details=self.journey.details(answered),
        )
        self.journey.finish(referral, submission_key, _status_token(referral, submission_key))
        return redirect(self.confirmation_url)


@report_page
def question(request, journey, step):
    return ReportPages(request, journey).question(step)


@report_page
def check_answers(request, journey):
    return ReportPages(request, journey).check_answers()


@never_cache
@require_GET
def confirmation(request):
    referral_id, token = pop_confirmation(request.session)
    referral = (
        Referral.objects.filter(pk=referral_id).only("reference", "reporter_anonymous", "reporter_email").first()
        if referral_id
        else None
    )
    if referral is None:
        raise Http404
    status_url = request.build_absolute_uri(reverse("referrals:status", args=[token])) if token else None
    context = {"referral": referral, "status_url": status_url, "emailed": bool(referral.reporter_email)}
    return render(request, "referrals/report/confirmation.html", context)


def _show_status_link(referral):
    """Reporters who gave an email get the status link by email; the others see it once on the confirmation."""
    return referral.reporter_anonymous or not referral.reporter_email


def _status_token(referral, submission_key):
    """Derived again from the submission key rather than taken from ``submit_report``: of the two POSTs of a
    double click that both read the session before either saved it, the one that finds the other's referral
    gets no token from the service, and its session may be the one saved last."""
    return referral.status_token_again(submission_key) if _show_status_link(referral) else None
