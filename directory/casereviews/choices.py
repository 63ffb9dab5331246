"""The ASB Case Review vocabulary (formerly the Community Trigger): an application's states, the steps hub staff
take and from which states, who the applicant reported to, and the timescale each step runs against."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    RECEIVED = "received", _("Received: the hub is checking the threshold")
    NOT_MET = "not_met", _("Threshold not met")
    REVIEW_DUE = "review_due", _("Threshold met: a review is being arranged")
    REVIEWED = "reviewed", _("Review held: the partners are responding")
    CLOSED = "closed", _("Review finished: outcome sent")


# States in which a step is still due (and may be overdue).
OPEN_STATUSES = (Status.RECEIVED, Status.REVIEW_DUE, Status.REVIEWED)


class Threshold(models.TextChoices):
    NATIONAL = "national", _("National: three qualifying reports in six months")
    LOCAL = "local", _("The hub's local threshold")


class ReportedTo(models.TextChoices):
    COUNCIL = "council", _("The council")
    POLICE = "police", _("The police")
    HOUSING = "housing", _("A housing provider or landlord")
    HUB = "hub", _("This hub")
    OTHER = "other", _("Someone else")


class Timescale(models.TextChoices):
    """Which of the hub's published timescales (in days, ``CaseReviewSettings``) a step runs against."""

    DECISION = "decision_days", _("Threshold decision")
    REVIEW = "review_days", _("Review meeting")
    RESPONSE = "response_days", _("Response to the applicant")


@dataclass(frozen=True)
class CaseReviewStep:
    """One step hub staff take: the states it starts from, the state it leaves (by outcome when it has two), and
    the timescale the next step then runs against (None: nothing more is due)."""

    sources: tuple
    target: str
    next_timescale: str | None
    title: str

    def allowed_from(self, status):
        return status in self.sources


STEPS = {
    "threshold_met": CaseReviewStep(
        (Status.RECEIVED,), Status.REVIEW_DUE, Timescale.REVIEW, _("Record: threshold met")
    ),
    "threshold_not_met": CaseReviewStep((Status.RECEIVED,), Status.NOT_MET, None, _("Record: threshold not met")),
    "review": CaseReviewStep((Status.REVIEW_DUE,), Status.REVIEWED, Timescale.RESPONSE, _("Record the review meeting")),
    "respond": CaseReviewStep((Status.REVIEWED,), Status.CLOSED, None, _("Record the response and tell the applicant")),
}

# The timescale the first step (the decision) runs against from the day an application arrives.
FIRST_TIMESCALE = Timescale.DECISION

# The national threshold (Anti-social Behaviour, Crime and Policing Act 2014, s.104 and statutory guidance).
NATIONAL_REPORTS = 3
NATIONAL_WINDOW_DAYS = 183


def steps_from(status):
    """The names of the steps hub staff may take from ``status``, in the table's order."""
    return [name for name, step in STEPS.items() if step.allowed_from(status)]
