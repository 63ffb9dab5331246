"""The public anti-social behaviour report (no account). Thin: form -> service -> redirect.

Anti-abuse without puzzles: a honeypot field, a minimum time from the first question to sending, and a
per-address limit on reports an hour, counted in the cache (Redis in production).
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from directory.referrals.models import Referral
from directory.referrals.services import submit_report
from portal.forms import HONEYPOT_FIELD, CheckAnswersForm
from portal.ratelimit import HourlyLimit, RateLimited

from .journey import CONFIRMATION_KEY, FIRST_STEP, STEPS_BY_NAME, Journey, pop_confirmation

SUBMISSIONS = HourlyLimit("referrals", "REPORT_RATE_LIMIT")


@never_cache
@require_GET
def start(request):
    return render(request, "referrals/report/start.html", {"first_url": FIRST_STEP.url})


def report_page(view):
    """Never cached; a filled honeypot gets a polite refusal and nothing is kept."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST" and request.POST.get(HONEYPOT_FIELD):
            return render(request, "referrals/report/not_sent.html", status=400)
        return view(request, Journey(request.session), *args, **kwargs)

    return never_cache(require_http_methods(["GET", "POST"])(wrapper))


@report_page
def question(request, journey, step):
    current = STEPS_BY_NAME.get(step)
    if current is None:
        raise Http404
    if not journey.started:
        if request.method == "POST" and current != FIRST_STEP:
            return _timed_out(request)
        journey.start()
    answered, blocker = journey.walk(until=current)
    if blocker:
        return redirect(blocker.url)
    earlier = journey.details(answered)
    if not current.applies(earlier):
        return _next_page(journey)
    if request.method == "POST":
        form = journey.form(current, earlier, data=request.POST)
        if form.is_valid():
            journey.save(current, form)
            return _next_page(journey)
    else:
        form = journey.form(current, earlier)
    complete = journey.walk()[1] is None
    context = {"form": form, "step": current, "back_url": journey.back_url(answered, complete)}
    return render(request, current.template, context)


@report_page
def check_answers(request, journey):
    if request.method == "POST":
        referral_id = journey.submitted_with(request.POST.get("submission_key"))
        if referral_id:
            _confirm_again(request, referral_id)
            return redirect("referrals:confirmation")
    if not journey.started:
        return _timed_out(request)
    answered, blocker = journey.walk()
    if blocker:
        return redirect(blocker.url)
    form = CheckAnswersForm(request.POST if request.method == "POST" else None, expected_key=journey.submission_key())
    if request.method == "POST" and form.is_valid():
        if journey.seconds_taken() < settings.REPORT_MIN_SECONDS:
            return render(request, "referrals/report/not_sent.html", {"too_fast": True}, status=400)
        submission_key = form.cleaned_data["submission_key"]
        try:
            referral, _token = _submit(request, journey.details(answered), submission_key)
        except RateLimited:
            return render(request, "referrals/report/rate_limited.html", status=429)
        journey.finish(referral, submission_key, _status_token(referral, submission_key))
        return redirect("referrals:confirmation")
    context = {"form": form, "sections": journey.summary(answered), "back_url": journey.back_url(answered)}
    return render(request, "referrals/report/check_answers.html", context)


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


def _next_page(journey):
    _answered, blocker = journey.walk()
    return redirect(blocker.url if blocker else reverse("referrals:check"))


def _confirm_again(request, referral_id):
    confirmation = request.session.get(CONFIRMATION_KEY)
    if not isinstance(confirmation, dict) or confirmation.get("referral") != referral_id:
        request.session[CONFIRMATION_KEY] = {"referral": referral_id, "token": None}


def _timed_out(request):
    messages.info(
        request,
        _("Your answers were not saved because you did not use the form for a while. Start again to send a report."),
    )
    return redirect("referrals:start")


def _submit(request, details, submission_key):
    """Send the report holding one of the address's reports this hour; a repeat of one already sent gives it back."""
    with SUBMISSIONS.slot(request, submission_key=submission_key) as slot:
        referral, token = submit_report(details=details, submission_key=submission_key)
        if token is None:
            slot.give_back()
    return referral, token
