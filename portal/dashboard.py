"""The staff dashboard (the Wagtail admin home): what each domain's panels share.

Each domain adds its own panels from its admin audience package through Wagtail's ``construct_homepage_panels``
hook, and each panel shows only the hubs the user works for (``portal.hubs``). Hub coordinators (the triage
permission) and hub editors (the Hub editors role) get panels; anyone else sees Wagtail's own home. Panels show
counts, references, names of agencies and template names: never a resident's, booker's or recipient's details.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from .groups import HUB_EDITORS
from .hubs import hub_ids_for
from .outbox import MAX_ATTEMPTS, failing_emails

TRIAGE_PERMISSION = "referrals.triage_referral"
_EDITOR_ATTR = "_portal_is_hub_editor"
# Show at most this many rows in a panel's list, then "and N more".
PANEL_ROWS = 5


def is_coordinator(user):
    """A hub coordinator: may triage referrals (superusers too)."""
    return user.is_authenticated and user.has_perm(TRIAGE_PERMISSION)


def is_editor(user):
    """A hub editor: in the Hub editors role group (superusers too). Kept on the user object for the request."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    answer = getattr(user, _EDITOR_ATTR, None)
    if answer is None:
        answer = Group.objects.filter(name=HUB_EDITORS, user=user).exists()
        setattr(user, _EDITOR_ATTR, answer)
    return answer


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
