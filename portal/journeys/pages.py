"""The question and check answers pages of any journey (``portal.journeys.Journey``), and idempotent submission.

A domain subclasses ``JourneyPages`` for what differs: what every page shows besides the form, a response that
replaces a page before the journey goes on, and what sending the answers does (a repeated POST of answers already
sent leads to ``confirmation_url`` again). Its views keep their own decorators (what the journey is about, the
honeypot, caching) and call ``question`` or ``check_answers``.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from portal.forms import HONEYPOT_FIELD, CheckAnswersForm
from portal.hubs import hub_for_request
from portal.ratelimit import RateLimited


def submit_once(request, limit, service, *, submission_key, **arguments):
    """Call ``service(submission_key=..., **arguments)`` holding one of the address's submissions this hour under
    ``limit`` (a ``portal.ratelimit.HourlyLimit``), and return what it returns: (what it made, token).

    The service is idempotent: given a submission key it has seen, it returns what that submission made and no
    token, and then the slot is given back, so a repeat is never counted. Raises RateLimited, counting nothing,
    when the address has used this hour's submissions; the slot is given back if the service raises.
    """
    with limit.slot(request, submission_key=submission_key) as slot:
        made, token = service(submission_key=submission_key, **arguments)
        if token is None:
            slot.give_back()
    return made, token


class JourneyPages:
    """The pages of one journey for one request: ``question(slug)`` and ``check_answers()``. A submission over
    the address's hourly limit (RateLimited from ``submit``) is answered with ``rate_limited_template`` (429)."""

    check_template = ""
    rate_limited_template = ""
    confirmation_url = ""

    def __init__(self, request, journey):
        self.request = request
        self.journey = journey

    def context(self):
        """What every page of the journey shows besides its form (for example the run being booked)."""
        return {}

    def before_question(self, step):
        """A response to send instead of the question page ``step``, or None to go on."""
        return None

    def before_check(self):
        """A response to send instead of the check answers page, or None to go on."""
        return None

    def submit(self, form, answered):
        """Send the answers (``answered``: the pages from ``Journey.walk``): a response, or None once the reason it
        could not be done is added to ``form``. May raise RateLimited."""
        raise NotImplementedError

    def question(self, slug):
        journey, request = self.journey, self.request
        current = journey.step_for(slug)
        if current is None:
            raise Http404
        refusal = self.before_question(current)
        if refusal is not None:
            return refusal
        answered, blocker = journey.walk(until=current)
        if blocker:
            return redirect(journey.url(blocker))
        earlier = journey.details(answered)
        if not current.applies(earlier):
            return redirect(journey.next_url())
        if request.method == "POST":
            form = journey.form(current, earlier, data=request.POST)
            if form.is_valid():
                journey.save(current, form)
                return redirect(journey.next_url())
        else:
            form = journey.form(current, earlier)
        context = {"form": form, "step": current, "back_url": journey.back_url(answered, current)}
        return render(request, current.template, {**self.context(), **context})

    def check_answers(self):
        journey, request = self.journey, self.request
        posted = request.POST if request.method == "POST" else None
        made = journey.submitted_with(posted.get("submission_key")) if posted is not None else None
        if made:
            journey.confirm_again(made)
            return redirect(self.confirmation_url)
        refusal = self.before_check()
        if refusal is not None:
            return refusal
        answered, blocker = journey.walk()
        if blocker:
            return redirect(journey.url(blocker))
        form = CheckAnswersForm(posted, expected_key=journey.submission_key())
        if posted is not None and form.is_valid():
            response = self._send(form, answered)
            if response is not None:
                return response
        context = {"form": form, "sections": journey.summary(answered), "back_url": journey.back_url(answered)}
        return render(request, self.check_template, {**self.context(), **context})

    def _send(self, form, answered):
        try:
            return self.submit(form, answered)
        except RateLimited:
            return render(self.request, self.rate_limited_template, self.context(), status=429)


def anonymous_journey_page(journey_class, not_sent_template):
    """For the question pages of a journey anyone may take (a report, a Case Review application): never cached, GET
    and POST only; a filled honeypot gets a polite refusal (``not_sent_template``, 400) and nothing is kept. The view
    is called with the hub's ``journey_class`` journey."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST" and request.POST.get(HONEYPOT_FIELD):
                return render(request, not_sent_template, status=400)
            return view(request, journey_class(request.session, hub=hub_for_request(request)), *args, **kwargs)

        return never_cache(require_http_methods(["GET", "POST"])(wrapper))

    return decorate


class AnonymousJourneyPages(JourneyPages):
    """The pages of a journey anyone may take. It starts on its first page: answers posted to a later page, or a
    check answers page reached without a journey, come from a session that expired, and the visitor is sent to
    ``start_url`` with ``timed_out_message``. ``too_fast()`` refuses answers sent sooner after the first question
    than a person could type them (``REPORT_MIN_SECONDS``) with ``not_sent_template``."""

    start_url = ""
    timed_out_message = ""
    not_sent_template = ""

    def before_question(self, step):
        if not self.journey.started:
            if self.request.method == "POST" and step != self.journey.first_step:
                return self.timed_out()
            self.journey.start()
        return None

    def before_check(self):
        return None if self.journey.started else self.timed_out()

    def timed_out(self):
        messages.info(self.request, self.timed_out_message)
        return redirect(self.start_url)

    def too_fast(self):
        if self.journey.seconds_taken() < settings.REPORT_MIN_SECONDS:
            return render(self.request, self.not_sent_template, {"too_fast": True}, status=400)
        return None
