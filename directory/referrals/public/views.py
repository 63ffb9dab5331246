"""The public anti-social behaviour report (no account). Thin: form -> service -> redirect.

Anti-abuse without puzzles: a honeypot field, a minimum time from the first question to sending, and a
per-address limit on reports an hour, counted in the cache (Redis in production).
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from directory.referrals.models import Referral
from directory.referrals.services import submit_report
from portal.forms import HONEYPOT_FIELD
from portal.hubs import hub_for_request
from portal.journeys.pages import JourneyPages, submit_once
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


def report_page(view):
    """Never cached; a filled honeypot gets a polite refusal and nothing is kept."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST" and request.POST.get(HONEYPOT_FIELD):
            return render(request, "referrals/report/not_sent.html", status=400)
        return view(request, Journey(request.session, hub=hub_for_request(request)), *args, **kwargs)

    return never_cache(require_http_methods(["GET", "POST"])(wrapper))


class ReportPages(JourneyPages):
    check_template = "referrals/report/check_answers.html"
    rate_limited_template = "referrals/report/rate_limited.html"
    confirmation_url = reverse_lazy("referrals:confirmation")

    def before_question(self, step):
        """A journey starts on its first page; answers posted to a later one come from a session that expired."""
        if not self.journey.started:
            if self.request.method == "POST" and step != self.journey.first_step:
                return _timed_out(self.request)
            self.journey.start()
        return None

    def before_check(self):
        return None if self.journey.started else _timed_out(self.request)

    def submit(self, form, answered):
        """Send the report holding one of the address's reports this hour; a repeat of one already sent gives it
        back. Answers sent sooner after the first question than a person could type them are refused."""
        if self.journey.seconds_taken() < settings.REPORT_MIN_SECONDS:
            return render(self.request, "referrals/report/not_sent.html", {"too_fast": True}, status=400)
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


def _timed_out(request):
    messages.info(
        request,
        _("Your answers were not saved because you did not use the form for a while. Start again to send a report."),
    )
    return redirect("referrals:start")
