"""The referral vocabulary: national ASB qualifiers and types, states, priorities and reasons, and the tables
of which changes are allowed from which state and who may make them."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    PERSONAL = "personal", _("Personal: aimed at a person or a household")
    NUISANCE = "nuisance", _("Nuisance: affecting a community or neighbourhood")
    ENVIRONMENTAL = "environmental", _("Environmental: damage to or misuse of a public place")


class ReportType(models.TextChoices):
    NOISE = "noise", _("Noise")
    ROWDY = "rowdy", _("Rowdy or inconsiderate behaviour")
    STREET_DRINKING = "street_drinking", _("Street drinking")
    DRUGS = "drugs", _("Drug use or drug paraphernalia")
    VANDALISM = "vandalism", _("Vandalism or graffiti")
    LITTER = "litter", _("Littering or fly-tipping")
    VEHICLES = "vehicles", _("Vehicle nuisance")
    INTIMIDATION = "intimidation", _("Intimidation or harassment")
    FIREWORKS = "fireworks", _("Fireworks")
    BEGGING = "begging", _("Begging")
    OTHER = "other", _("Something else")


TYPES_BY_CATEGORY = {
    Category.PERSONAL: [ReportType.INTIMIDATION, ReportType.NOISE, ReportType.ROWDY, ReportType.OTHER],
    Category.NUISANCE: [
        ReportType.NOISE,
        ReportType.ROWDY,
        ReportType.STREET_DRINKING,
        ReportType.DRUGS,
        ReportType.VEHICLES,
        ReportType.FIREWORKS,
        ReportType.BEGGING,
        ReportType.OTHER,
    ],
    Category.ENVIRONMENTAL: [ReportType.VANDALISM, ReportType.LITTER, ReportType.DRUGS, ReportType.OTHER],
}


# The public report's first question, "What is happening?", in words residents use: one answer per type, and the
# national category the type files under. A type filed under one category or another by whom it is aimed at
# (category ``None``) asks next "Is it aimed at you or your household?": yes files it as personal, no as
# nuisance. Every pair derived is one TYPES_BY_CATEGORY allows.
@dataclass(frozen=True)
class PublicReportType:
    label: str
    category: str | None


PUBLIC_REPORT_TYPES = {
    ReportType.NOISE: PublicReportType(_("Noise, such as loud music, shouting or banging"), None),
    ReportType.ROWDY: PublicReportType(_("Rowdy or inconsiderate behaviour"), None),
    ReportType.STREET_DRINKING: PublicReportType(_("Street drinking"), Category.NUISANCE),
    ReportType.DRUGS: PublicReportType(_("Drug dealing or drug use"), Category.NUISANCE),
    ReportType.VANDALISM: PublicReportType(_("Vandalism or graffiti"), Category.ENVIRONMENTAL),
    ReportType.LITTER: PublicReportType(_("Litter or fly-tipping"), Category.ENVIRONMENTAL),
    ReportType.VEHICLES: PublicReportType(
        _("Vehicles, such as dangerous driving, off-road bikes or revving"), Category.NUISANCE
    ),
    ReportType.INTIMIDATION: PublicReportType(
        _("Intimidation or harassment aimed at you or your household"), Category.PERSONAL
    ),
    ReportType.FIREWORKS: PublicReportType(_("Fireworks"), Category.NUISANCE),
    ReportType.BEGGING: PublicReportType(_("Begging"), Category.NUISANCE),
    ReportType.OTHER: PublicReportType(_("Something else"), None),
}


def public_report_category(report_type, aimed_at_household=False):
    """The national category of a public report of ``report_type``; ``aimed_at_household`` decides it for the
    types that can be either."""
    category = PUBLIC_REPORT_TYPES[report_type].category
    if category is None:
        category = Category.PERSONAL if aimed_at_household else Category.NUISANCE
    return Category(category)


class Source(models.TextChoices):
    PUBLIC = "public", _("Resident report")
    PARTNER = "partner", _("Partner referral")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Received, waiting for triage")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("In progress")
    DECLINED = "declined", _("Declined")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (Status.SUBMITTED, Status.ACCEPTED, Status.IN_PROGRESS)
FINISHED_STATUSES = (Status.DECLINED, Status.RESOLVED, Status.CLOSED)


class Taker(models.TextChoices):
    """Who may take a step: hub staff (triage permission) or a partner of the agency concerned."""

    HUB = "hub", _("Hub staff")
    PARTNER = "partner", _("Partner")


@dataclass(frozen=True)
class ReferralStep:
    """One step hub staff or partners take on a referral: the statuses it starts from, the status it leaves the
    referral in (``None``: unchanged) and who may take it."""

    sources: tuple
    target: str | None
    takers: tuple = (Taker.HUB,)

    def allowed_from(self, status):
        return status in self.sources


IN_HAND_STATUSES = (Status.ACCEPTED, Status.IN_PROGRESS)

# Every step on an existing referral, in the order the triage screen offers them. The services refuse a step
# from any other status (InvalidTransition); the admin buttons list the steps allowed from the current one.
REFERRAL_STEPS = {
    "accept": ReferralStep((Status.SUBMITTED,), Status.ACCEPTED),
    "decline": ReferralStep((Status.SUBMITTED,), Status.DECLINED),
    "add_action": ReferralStep(IN_HAND_STATUSES, Status.IN_PROGRESS),
    "note": ReferralStep(tuple(Status), None),
    "link": ReferralStep(tuple(Status), None),
    "resolve": ReferralStep(IN_HAND_STATUSES, Status.RESOLVED),
    "close": ReferralStep(IN_HAND_STATUSES, Status.CLOSED),
}


def referral_steps(status, taker=Taker.HUB):
    """The names of the steps ``taker`` may take on a referral in ``status``, in table order."""
    return [name for name, step in REFERRAL_STEPS.items() if taker in step.takers and step.allowed_from(status)]


class Priority(models.TextChoices):
    P1 = "P1", _("P1: contact within 1 working day")
    P2 = "P2", _("P2: contact within 2 working days")
    P3 = "P3", _("P3: contact within 5 working days")


TARGET_WORKING_DAYS = {Priority.P1: 1, Priority.P2: 2, Priority.P3: 5}


class DeclineReason(models.TextChoices):
    NOT_ASB = "not_asb", _("Not anti-social behaviour")
    SIGNPOSTED = "signposted", _("Signposted to another agency")
    INSUFFICIENT_INFORMATION = "insufficient_information", _("Not enough information")
    DUPLICATE = "duplicate", _("Duplicate of another report")


class ClosureReason(models.TextChoices):
    RESOLVED = "resolved", _("Problem resolved")
    NO_FURTHER_ACTION = "no_further_action", _("No further action possible")
    REFERRED_ON = "referred_on", _("Passed to another agency to lead")
    NO_CONTACT = "no_contact", _("Could not contact the reporter")
    DUPLICATE = "duplicate", _("Duplicate of another report")


class ContactPreference(models.TextChoices):
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone")
    NONE = "none", _("Do not contact me")


class SubjectType(models.TextChoices):
    LOCATION = "location", _("A location")
    PREMISES = "premises", _("Premises")
    PERSON = "person", _("A person")
    GROUP = "group", _("A group")


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    SOON = "soon", _("Soon: within a few days")
    URGENT = "urgent", _("Urgent: risk of harm")


class SharingBasis(models.TextChoices):
    CONSENT = "consent", _("The person's consent")
    SECTION_115 = "s115", _("Crime and Disorder Act 1998, section 115")
    OTHER = "other", _("Another lawful basis")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


# Where an action can go next: forwards only; done and cancelled are final. Hub staff and partners of the
# agency the action is assigned to may move it.
ACTION_TRANSITIONS = {
    ActionStatus.OPEN: [ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.CANCELLED],
    ActionStatus.IN_PROGRESS: [ActionStatus.DONE, ActionStatus.CANCELLED],
}
# Every status an action can be moved to, in ActionStatus order.
ACTION_TARGETS = [status for status in ActionStatus if any(status in nexts for nexts in ACTION_TRANSITIONS.values())]


class LinkKind(models.TextChoices):
    SAME_PLACE = "same_place", _("Same place")
    RELATED = "related", _("Related")
    DUPLICATE = "duplicate", _("Duplicate")
