"""The staff dashboard (the Wagtail admin home): what each domain's panels share.

Each domain adds its own panels from its admin audience package through Wagtail's ``construct_homepage_panels``
hook, and each panel shows only the hubs the user works for (``portal.hubs``). Hub coordinators (the triage
permission) and hub editors (the Hub editors role, without it) get panels; anyone else sees Wagtail's own home.
Panels show counts, references, names of agencies and template names: never a resident's, booker's or
recipient's details.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q, Window
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from .hubs import hub_ids_for
from .outbox import MAX_ATTEMPTS, failing_emails

TRIAGE_PERMISSION = "referrals.triage_referral"
# What the Hub editors role gives and the coordinators' does not: adding partner organisations to the directory.
# Asked as a permission (cached for the request) rather than by group name (a query).
EDITOR_PERMISSION = "directory.add_organisation"
# Show at most this many rows in a panel's list, then "and N more".
PANEL_ROWS = 5

# Wagtail's own home panels and summary items that hub staff do without (see ``trim_wagtail_home``).
COORDINATORS_DROP = {
    "workflow_objects_to_moderate",
    "user_objects_in_workflow_moderation",
    "recent_edits",
    "locked_pages",
}
EDITORS_DROP = {"recent_edits", "locked_pages"}


def is_coordinator(user):
    """A hub coordinator: may triage referrals (superusers too)."""
    return user.is_authenticated and user.has_perm(TRIAGE_PERMISSION)


def is_editor(user):
    """A hub editor (the Hub editors role): may add directory entries, and may not triage referrals."""
    return user.is_authenticated and user.has_perm(EDITOR_PERMISSION) and not is_coordinator(user)


def trim_wagtail_home(request, panels):
    """Hub staff's dashboard keeps their work within the query budget: coordinators do without Wagtail's page
    panels (pages to review, their pages in moderation, recent edits, locked pages: editing pages is the editors'
    job); editors keep the moderation panels and do without recent edits and locked pages (both one click away
    in the page explorer). Anyone else keeps Wagtail's home as it is."""
    user = request.user
    drop = COORDINATORS_DROP if is_coordinator(user) else EDITORS_DROP if is_editor(user) else set()
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") not in drop]


SUMMARY_DROP = {"PagesSummaryItem", "ImagesSummaryItem", "DocumentsSummaryItem"}


def trim_wagtail_summary(request, summary_items):
    """The site summary's page, image and document counts (two queries each, for figures nobody starts the day
    with; the menu reaches each) go for hub staff."""
    if is_coordinator(request.user) or is_editor(request.user):
        summary_items[:] = [item for item in summary_items if type(item).__name__ not in SUMMARY_DROP]


@dataclass
class Line:
    """One figure in a panel: a label, its count and the admin listing of exactly those rows."""

    label: str
    count: int
    url: str = ""
    rows: list = field(default_factory=list)  # Row, at most PANEL_ROWS of them
    more: int = 0  # rows counted but not shown


@dataclass
class Row:
    label: str
    url: str = ""
    detail: str = ""
    tags: tuple = ()


class DashboardPanel(Component):
    """A dashboard panel in Wagtail's own markup (``w-panel--dashboard``): a heading and a list of figures.

    Subclasses say who sees them (``is_shown_to``) and what they count (``get_lines``, given the request)."""

    template_name = "portal/admin/dashboard_panel.html"
    name = ""
    heading = ""
    description = ""
    empty_text = _("Nothing needs doing.")
    order = 100

    class Media:
        css = {"all": ["css/admin/dashboard.css"]}

    def __init__(self, request):
        self.request = request

    @classmethod
    def is_shown_to(cls, user):
        raise NotImplementedError

    def get_lines(self, request):
        raise NotImplementedError

    def get_context_data(self, parent_context):
        lines = self.get_lines(self.request)
        return {
            "panel_id": f"dashboard-{self.name}",
            "heading": self.heading,
            "description": self.description,
            "lines": lines,
            "empty_text": self.empty_text,
            "all_clear": not any(line.count for line in lines),
        }


def add_panels(request, panels, panel_classes):
    """For a ``construct_homepage_panels`` hook: add each of ``panel_classes`` the user may see."""
    user = request.user
    panels.extend(panel(request) for panel in panel_classes if panel.is_shown_to(user))


def first_rows(queryset, *fields):
    """The first PANEL_ROWS rows of ``queryset`` (as dicts of ``fields``) and how many rows it has, in one query
    (the count is a window aggregate over every row)."""
    rows = list(queryset.annotate(dashboard_total=Window(Count("pk"))).values(*fields, "dashboard_total")[:PANEL_ROWS])
    return rows, rows[0]["dashboard_total"] if rows else 0


def shown_rows(rows, count):
    """The first PANEL_ROWS of ``rows`` and how many of ``count`` are left out."""
    rows = list(rows[:PANEL_ROWS])
    return rows, max(count - len(rows), 0)


class FailingEmailsPanel(DashboardPanel):
    """Emails the worker could not send, for the user's hubs (superusers also see those sent for no hub): counts by
    template only, never an address, subject or body."""

    name = "failing-emails"
    heading = _("Emails failing to send")
    empty_text = _("Every email has been sent or is waiting for its first try.")
    order = 180

    @classmethod
    def is_shown_to(cls, user):
        return is_coordinator(user)

    def get_lines(self, request):
        user = request.user
        scope = Q(hub_id__in=hub_ids_for(user))
        if user.is_superuser:
            scope |= Q(hub__isnull=True)
        by_template = (
            failing_emails()
            .filter(scope)
            .values("template")
            .annotate(
                retrying=Count("pk", filter=Q(attempts__lt=MAX_ATTEMPTS)),
                given_up=Count("pk", filter=Q(attempts__gte=MAX_ATTEMPTS)),
            )
            .order_by("template")
        )
        lines = []
        for key, label in (("retrying", _("Still being retried")), ("given_up", _("Given up on"))):
            counts = [(row["template"], row[key]) for row in by_template if row[key]]
            rows = [Row(label=template or _("sent by Wagtail"), detail=str(count)) for template, count in counts]
            lines.append(Line(label=label, count=sum(count for _template, count in counts), rows=rows))
        return lines
