"""The directory panels of the staff dashboard: partners' drafts waiting for staff to review and publish, and
entries overdue for their review, for the organisations working with the hubs the user works for (superusers:
every organisation). Rows link to the entries' edit pages; each figure links to the directory listing filtered to
exactly those entries."""

from urllib.parse import urlencode

from django.db.models import Exists, F, OuterRef
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from directory.models import Organisation, Service
from directory.partners.models import HubPartnership
from portal.dashboard import DashboardPanel, Line, Row, first_rows, is_coordinator, is_editor, shown_rows
from portal.hubs import hub_ids_for

CHANGE_ORGANISATION = "directory.change_organisation"
PUBLISH_ORGANISATION = "directory.publish_organisation"
PUBLISH_SERVICE = "directory.publish_service"


def organisations_for(user, organisations=None):
    """Organisations working with one of ``user``'s hubs; every organisation for a superuser."""
    organisations = Organisation.objects.all() if organisations is None else organisations
    if user.is_superuser:
        return organisations
    partnered = HubPartnership.objects.filter(organisation=OuterRef("pk"), hub_id__in=hub_ids_for(user))
    return organisations.filter(Exists(partnered))


def services_for(user):
    return Service.objects.filter(organisation__in=organisations_for(user).values("pk"))


def listing_url(model_name, user, **params):
    """The snippet listing of ``model_name`` filtered by ``params`` and, unless a superuser, the user's hubs."""
    query = list(params.items())
    if not user.is_superuser:
        query += [("hub", hub_id) for hub_id in sorted(hub_ids_for(user))]
    return f"{reverse(f'wagtailsnippets_directory_{model_name}:list')}?{urlencode(query)}"


def edit_url(model_name, pk):
    return reverse(f"wagtailsnippets_directory_{model_name}:edit", args=[pk])


class DirectoryDraftsPanel(DashboardPanel):
    """Changes partners (or staff) saved as drafts of organisations and services, not yet published."""

    name = "directory-drafts"
    heading = _("Directory drafts waiting for review")
    order = 130

    @classmethod
    def is_shown_to(cls, user):
        return (is_coordinator(user) or is_editor(user)) and (
            user.has_perm(PUBLISH_ORGANISATION) or user.has_perm(PUBLISH_SERVICE)
        )

    def get_lines(self, request):
        user = request.user
        lines = []
        if user.has_perm(PUBLISH_ORGANISATION):
            drafts = organisations_for(user).filter(has_unpublished_changes=True).order_by("name", "pk")
            first, count = first_rows(drafts, "pk", "name")
            rows, more = shown_rows(
                [Row(label=row["name"], url=edit_url("organisation", row["pk"])) for row in first], count
            )
            url = listing_url("organisation", user, has_unpublished_changes="true")
            lines.append(Line(_("Organisations"), count, url, rows=rows, more=more))
        if user.has_perm(PUBLISH_SERVICE):
            drafts = services_for(user).filter(has_unpublished_changes=True).order_by("name", "pk")
            first, count = first_rows(drafts, "pk", "name", "organisation__name")
            rows, more = shown_rows(
                [
                    Row(label=row["name"], url=edit_url("service", row["pk"]), detail=row["organisation__name"])
                    for row in first
                ],
                count,
            )
            url = listing_url("service", user, has_unpublished_changes="true")
            lines.append(Line(_("Services"), count, url, rows=rows, more=more))
        return lines


def _reviewed(date):
    if date is None:
        return _("never reviewed")
    return _("last reviewed %(date)s") % {"date": date_format(date, "j M Y")}


class ReviewDuePanel(DashboardPanel):
    """Organisations whose entry nobody has reviewed within the review interval, the longest overdue first."""

    name = "directory-review-due"
    heading = _("Directory entries overdue for review")
    order = 140

    @classmethod
    def is_shown_to(cls, user):
        return is_editor(user) and user.has_perm(CHANGE_ORGANISATION)

    def get_lines(self, request):
        user = request.user
        due = organisations_for(user, Organisation.objects.review_due()).order_by(
            F("last_reviewed_at").asc(nulls_first=True), "name", "pk"
        )
        first, count = first_rows(due, "pk", "name", "last_reviewed_at")
        rows, more = shown_rows(
            [
                Row(
                    label=row["name"],
                    url=edit_url("organisation", row["pk"]),
                    detail=_reviewed(row["last_reviewed_at"]),
                )
                for row in first
            ],
            count,
        )
        url = listing_url("organisation", user, review_due="true")
        return [Line(_("Overdue for review"), count, url, rows=rows, more=more)]


PANELS = (DirectoryDraftsPanel, ReviewDuePanel)
