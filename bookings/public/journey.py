"""The public booking journey: which question pages each booking mode asks, and the answers kept between them.

Answers live in the session, keyed per run, as the strings posted on each page once that page was valid;
never in URLs. Every request validates them again against the run as it is now, because places left change.
"""

from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import journeys
from portal.journeys import Step
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


class Journey(journeys.Journey):
    """One person's answers for one run."""

    submitted_key = SUBMITTED_KEY

    def __init__(self, session, run):
        super().__init__(session, f"booking:{run.pk}")
        self.run = run
        self.steps = STEPS[run.booking_mode]

    def url(self, step):
        if step.slug:
            return reverse("bookings:question", args=[self.run.pk, step.slug])
        return reverse("bookings:start", args=[self.run.pk])

    def check_url(self):
        return reverse("bookings:check", args=[self.run.pk])

    def entry_url(self):
        return self.run.programme_url

    def form_kwargs(self):
        return {"run": self.run}

    def finish(self, booking):
        """Forget the answers; remember the booking for the confirmation page and for repeated POSTs."""
        self.remember(booking.submission_key, booking.pk)
        self.session[CONFIRMATION_KEY] = booking.pk

    def confirm_again(self, booking_id):
        """A repeated POST: confirm the booking it made."""
        self.session[CONFIRMATION_KEY] = booking_id
