"""The ASB Case Review application as a question-page journey (``portal.journeys``): who it is for, their name
(and the consent of the person affected when someone applies for them), what was reported, to whom and when, and
how to contact them."""

import time

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal import journeys
from portal.journeys import Step

from .forms import (
    ContactForm,
    OnBehalfForm,
    ReportsForm,
    WhatHappenedForm,
    WhoForm,
    YourNameForm,
    for_myself,
    on_behalf,
)

JOURNEY_KEY = "casereview:journey"
CONFIRMATION_KEY = "casereview:confirmation"
SUBMITTED_KEY = "casereview:submitted"
STEP_TEMPLATE = "casereviews/public/steps/{}.html"

STEPS = (
    Step("who", "who", WhoForm, STEP_TEMPLATE.format("who"), _("Who the application is for")),
    Step("your-name", "your-name", YourNameForm, STEP_TEMPLATE.format("your_name"), _("Your name"), applies=for_myself),
    Step(
        "on-behalf",
        "on-behalf",
        OnBehalfForm,
        STEP_TEMPLATE.format("on_behalf"),
        _("Applying for someone else"),
        applies=on_behalf,
    ),
    Step("what-happened", "what-happened", WhatHappenedForm, STEP_TEMPLATE.format("what"), _("What you have reported")),
    Step("reports", "reports", ReportsForm, STEP_TEMPLATE.format("reports"), _("Who you reported it to, and when")),
    Step("contact", "contact", ContactForm, STEP_TEMPLATE.format("contact"), _("How we contact you")),
)


class Journey(journeys.Journey):
    steps = STEPS
    submitted_key = SUBMITTED_KEY
    back_to_check_once_complete = True

    def __init__(self, session, hub=None):
        super().__init__(session, JOURNEY_KEY)
        self.hub = hub

    def form(self, step, earlier, data=None):
        """The area question offers the areas of the hub the application is for."""
        form = super().form(step, earlier, data)
        if self.hub is not None and "area" in form.fields:
            form.fields["area"].queryset = form.fields["area"].queryset.filter(hub=self.hub)
        return form

    def url(self, step):
        return reverse("casereviews:question", args=[step.slug])

    def check_url(self):
        return reverse("casereviews:check")

    def entry_url(self):
        return reverse("casereviews:start")

    def start(self):
        if not self.started:
            self.session[JOURNEY_KEY] = {"answers": {}, "started_at": time.time()}

    def seconds_taken(self):
        return time.time() - self._state().get("started_at", time.time())

    def finish(self, case_review, submission_key, token):
        self.remember(submission_key, case_review.pk)
        self.session[CONFIRMATION_KEY] = {"case_review": case_review.pk, "token": token}

    def confirm_again(self, case_review_id):
        confirmation = self.session.get(CONFIRMATION_KEY)
        if not isinstance(confirmation, dict) or confirmation.get("case_review") != case_review_id:
            self.session[CONFIRMATION_KEY] = {"case_review": case_review_id, "token": None}


def split_details(details):
    """The answers as ``submit_application`` takes them: (CaseReview fields, reports)."""
    details = dict(details)
    reports = details.pop("reports", [])
    details.pop("who", None)
    return details, reports


def pop_confirmation(session):
    """The application to confirm and, the first time only, its status token."""
    confirmation = session.get(CONFIRMATION_KEY)
    if not isinstance(confirmation, dict):
        return None, None
    token = confirmation.get("token")
    if token:
        session[CONFIRMATION_KEY] = {"case_review": confirmation["case_review"], "token": None}
    return confirmation.get("case_review"), token
