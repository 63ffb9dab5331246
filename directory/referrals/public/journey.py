"""The public report journey: its question pages and the answers kept between them.

Answers live in the session as the strings posted on each page once that page was valid, never in URLs.
Every request validates them again in order, so a page reached out of order, or an answer an earlier change
made wrong, sends the person to the first page to fix.
"""

import time

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal import journeys
from portal.journeys import Step

from .forms import (
    AimedAtHouseholdForm,
    AnonymityForm,
    ContactForm,
    VulnerabilityForm,
    WhatHappenedForm,
    WhatIsHappeningForm,
    WhenForm,
    WhereForm,
    aimed_at_household_asked,
)

JOURNEY_KEY = "report:journey"
CONTACT_STEP = "your-details"
CONFIRMATION_KEY = "report:confirmation"
SUBMITTED_KEY = "report:submitted"


def named(details):
    return not details.get("reporter_anonymous")


STEPS = (
    Step("what", "what", WhatIsHappeningForm, "referrals/report/steps/what.html", _("What is happening")),
    Step(
        "aimed-at-you",
        "aimed-at-you",
        AimedAtHouseholdForm,
        "referrals/report/steps/aimed.html",
        _("Who it is aimed at"),
        applies=aimed_at_household_asked,
    ),
    Step("where", "where", WhereForm, "referrals/report/steps/where.html", _("Where it is happening")),
    Step("when", "when", WhenForm, "referrals/report/steps/when.html", _("When it happened")),
    Step(
        "what-happened",
        "what-happened",
        WhatHappenedForm,
        "referrals/report/steps/what_happened.html",
        _("What happened"),
    ),
    Step("about-you", "about-you", AnonymityForm, "referrals/report/steps/about_you.html", _("About you")),
    Step(
        CONTACT_STEP,
        CONTACT_STEP,
        ContactForm,
        "referrals/report/steps/contact.html",
        _("Your contact details"),
        applies=named,
    ),
    Step(
        "vulnerability",
        "vulnerability",
        VulnerabilityForm,
        "referrals/report/steps/vulnerability.html",
        _("People affected"),
    ),
)


class Journey(journeys.Journey):
    """One person's answers to the report questions, kept in their session."""

    steps = STEPS
    submitted_key = SUBMITTED_KEY
    back_to_check_once_complete = True

    def __init__(self, session, hub=None):
        super().__init__(session, JOURNEY_KEY)
        self.hub = hub

    def form(self, step, earlier, data=None):
        """The area question offers the areas of the hub the report is for (an area kept from another hub's
        site is no longer valid, so it is asked again)."""
        form = super().form(step, earlier, data)
        if self.hub is not None and "area" in form.fields:
            form.fields["area"].queryset = form.fields["area"].queryset.filter(hub=self.hub)
        return form

    def url(self, step):
        return reverse("referrals:question", args=[step.slug])

    def check_url(self):
        return reverse("referrals:check")

    def entry_url(self):
        return reverse("referrals:start")

    def start(self):
        if not self.started:
            self.session[JOURNEY_KEY] = {"answers": {}, "started_at": time.time()}

    def seconds_taken(self):
        return time.time() - self._state().get("started_at", time.time())

    def kept_answers(self, answers, step, form):
        """Choosing to report anonymously forgets any contact details given before."""
        if form.details().get("reporter_anonymous"):
            answers.pop(CONTACT_STEP, None)
        return answers

    def finish(self, referral, submission_key, token):
        """Forget the answers; remember the report for the confirmation page and for repeated POSTs. The status
        token is kept only until the confirmation page shows it once."""
        self.remember(submission_key, referral.pk)
        self.session[CONFIRMATION_KEY] = {"referral": referral.pk, "token": token}

    def confirm_again(self, referral_id):
        """A repeated POST: confirm the report it made, keeping the status token if the confirmation holds it."""
        confirmation = self.session.get(CONFIRMATION_KEY)
        if not isinstance(confirmation, dict) or confirmation.get("referral") != referral_id:
            self.session[CONFIRMATION_KEY] = {"referral": referral_id, "token": None}


def pop_confirmation(session):
    """The report to confirm and, the first time only, its status token."""
    confirmation = session.get(CONFIRMATION_KEY)
    if not isinstance(confirmation, dict):
        return None, None
    token = confirmation.get("token")
    if token:
        session[CONFIRMATION_KEY] = {"referral": confirmation["referral"], "token": None}
    return confirmation.get("referral"), token
