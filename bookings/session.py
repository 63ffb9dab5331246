"""The public booking journey: which question pages each booking mode asks, and the answers kept between them.

Answers live in the session, keyed per run, as the strings posted on each page once that page was valid;
never in URLs. Every request validates them again against the run as it is now, because places left change.
"""

import secrets
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.navigation import find_site, site_structure
from programmes.models import BookingMode, Run, Session

from .forms import (
    EmergencyContactForm,
    GuardianForm,
    NeedsForm,
    PupilsForm,
    SchoolContactForm,
    SchoolForm,
    YoungPersonForm,
)

CONFIRMATION_KEY = "booking:confirmation"
SUBMITTED_KEY = "booking:submitted"
SUBMITTED_KEPT = 10


@dataclass(frozen=True)
class Step:
    name: str
    slug: str  # "" for the first page, /book/<run_id>/
    form_class: type
    template: str
    title: str


STEPS = {
    BookingMode.SCHOOL: (
        Step("school", "", SchoolForm, "bookings/steps/school.html", _("About the school")),
        Step("contact", "contact", SchoolContactForm, "bookings/steps/contact.html", _("Lead contact")),
        Step("pupils", "pupils", PupilsForm, "bookings/steps/pupils.html", _("Pupils")),
    ),
    BookingMode.PARTICIPANT: (
        Step("young-person", "", YoungPersonForm, "bookings/steps/young_person.html", _("About the young person")),
        Step("guardian", "guardian", GuardianForm, "bookings/steps/guardian.html", _("Parent or guardian")),
        Step("emergency", "emergency", EmergencyContactForm, "bookings/steps/emergency.html", _("Emergency contact")),
        Step("needs", "needs", NeedsForm, "bookings/steps/needs.html", _("Health and support needs")),
    ),
}


def load_run(request, run_id):
    """The run of a live public programme with its places held and dates; 404 otherwise."""
    sessions = Session.objects.filter(run=OuterRef("pk"))
    run = (
        Run.objects.with_availability()
        .annotate(
            starts_at=Subquery(sessions.order_by("start").values("start")[:1]),
            ends_at=Subquery(sessions.order_by("-end").values("end")[:1]),
        )
        .select_related("programme")
        .filter(pk=run_id, programme__live=True)
        .first()
    )
    programme_url = run and public_url(request, run.programme)
    if not programme_url:
        raise Http404
    run.programme_url = programme_url
    run.start_date = timezone.localdate(run.starts_at or run.booking_closes)
    return run


def public_url(request, page):
    """The page's URL on this site from the cached site structure, or None if it is not live and public."""
    site = find_site(request)
    structure = site_structure(site) if site else None
    if structure is None or not structure.is_public(page):
        return None
    return structure.pages[page.path].url


class Journey:
    """One person's answers for one run."""

    def __init__(self, session, run):
        self.session = session
        self.run = run
        self.steps = STEPS[run.booking_mode]
        self.key = f"booking:{run.pk}"

    @property
    def first_step(self):
        return self.steps[0]

    def step_for(self, slug):
        return next((step for step in self.steps if step.slug == slug), None)

    def url(self, step):
        if step.slug:
            return reverse("bookings:question", args=[self.run.pk, step.slug])
        return reverse("bookings:start", args=[self.run.pk])

    def check_url(self):
        return reverse("bookings:check", args=[self.run.pk])

    def back_url(self, step=None):
        """The page before ``step``; before the check page (step None), the last question."""
        if step is None:
            return self.url(self.steps[-1])
        index = self.steps.index(step)
        return self.url(self.steps[index - 1]) if index else self.run.programme_url

    def form(self, step, earlier, data=None):
        if data is None:
            stored = self._state().get("answers", {}).get(step.name)
            data = MultiValueDict(stored) if stored is not None else None
        return step.form_class(data, run=self.run, earlier=earlier)

    def walk(self, until=None):
        """Validate the kept answers in order, up to but not including ``until`` (None: every page).

        Returns the valid pages as (step, form) pairs and the first page that is unanswered or no longer
        valid (None when all are).
        """
        answered, details = [], {}
        for step in self.steps:
            if step == until:
                break
            form = self.form(step, details)
            if not form.is_bound or not form.is_valid():
                return answered, step
            answered.append((step, form))
            details.update(form.details())
        return answered, None

    @staticmethod
    def details(answered):
        details = {}
        for _step, form in answered:
            details.update(form.details())
        return details

    def save(self, step, form):
        """Keep a valid page's posted strings (only its own fields: nothing else a client sends)."""
        posted = {key: form.data.getlist(key) for key in form.data if key.split("-", 1)[0] in form.fields}
        state = self._state()
        state.setdefault("answers", {})[step.name] = posted
        self.session[self.key] = state

    def submission_key(self):
        state = self._state()
        if "submission_key" not in state:
            state["submission_key"] = secrets.token_urlsafe(32)
            self.session[self.key] = state
        return state["submission_key"]

    def booked_with(self, submission_key):
        """The booking this session already made with ``submission_key``, if any (a repeated POST)."""
        if not submission_key:
            return None
        return self.session.get(SUBMITTED_KEY, {}).get(submission_key)

    def finish(self, booking):
        """Forget the answers; remember the booking for the confirmation page and for repeated POSTs."""
        self.clear()
        submitted = dict(list(self.session.get(SUBMITTED_KEY, {}).items())[-(SUBMITTED_KEPT - 1) :])
        submitted[booking.submission_key] = booking.pk
        self.session[SUBMITTED_KEY] = submitted
        self.session[CONFIRMATION_KEY] = booking.pk

    def clear(self):
        self.session.pop(self.key, None)

    def summary(self, answered):
        """Check-answers sections: (step, change URL, rows of (field name, label, display value))."""
        return [
            (step, self.url(step), [(name, label, display(value)) for name, label, value in form.summary()])
            for step, form in answered
        ]

    def _state(self):
        return dict(self.session.get(self.key, {}))


def display(value):
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "j F Y")
    if isinstance(value, date):
        return date_format(value, "j F Y")
    if isinstance(value, list | tuple):
        return "\n".join(str(item) for item in value)
    if value in (None, ""):
        return pgettext_lazy("an optional answer left empty", "Not given")
    return value
