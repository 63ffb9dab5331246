"""Hub staff reviewing partners' drafts of organisations and services: the listings mark and filter the entries
with changes waiting for review, and every way in (the tag, the edit page, the review email) leads to Wagtail's
comparison of the live entry with the latest draft (``directory.review``).

Organisations and services are shared by every hub (``directory.admin.access``): these views keep the snippets'
model permissions."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters import BooleanFilter
from wagtail.admin.ui.tables import LiveStatusTagColumn, StatusTagColumn
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import Revision
from wagtail.snippets.views.snippets import EditView

from directory.review import review_path
from portal.exports import SafeSnippetIndexView

CHANGES_WAITING = _("Changes waiting for review")


def with_review_state(queryset):
    """``queryset`` with ``scheduled`` (a revision approved to go live later), so the status tags need no query
    per row (Wagtail's ``status_string`` asks the database for each entry)."""
    content_type = ContentType.objects.get_for_model(queryset.model)
    scheduled = Revision.objects.filter(
        base_content_type=content_type,
        object_id=Cast(OuterRef("pk"), CharField()),
        approved_go_live_at__isnull=False,
    )
    return queryset.annotate(scheduled=Exists(scheduled))


def status_label(entry):
    """Wagtail's ``status_string`` (live, live + draft, draft, ...) from the row and ``with_review_state``."""
    if not entry.live:
        if entry.expired:
            return _("expired")
        return _("scheduled") if entry.scheduled else _("draft")
    if entry.scheduled:
        return _("live + scheduled")
    return _("live + draft") if entry.has_unpublished_changes else _("live")


class EntryStatusColumn(LiveStatusTagColumn):
    """Named "Publication": a service has a status of its own (running, closed)."""

    def __init__(self, **kwargs):
        super().__init__(label=_("Publication"), **kwargs)

    def get_value(self, instance):
        return status_label(instance)


class ChangesWaitingColumn(StatusTagColumn):
    """A "Changes waiting" tag linking to the comparison of live and latest (or, never published, to the edit
    page); blank when nothing waits."""

    cell_template_name = "directory/admin/changes_waiting_cell.html"

    def __init__(self, **kwargs):
        super().__init__(
            "has_unpublished_changes", label=CHANGES_WAITING, sort_key="has_unpublished_changes", primary=True, **kwargs
        )

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["url"] = review_path(instance) if context["value"] else None
        return context


def changes_waiting_filter():
    return BooleanFilter(field_name="has_unpublished_changes", label=_("Changes waiting"))


class EntryIndexView(SafeSnippetIndexView):
    """The organisations' and services' listing, with Wagtail's status tag (without its query per row) and the
    changes waiting for review."""

    @cached_property
    def columns(self):
        return [*super().columns, EntryStatusColumn(), ChangesWaitingColumn()]

    def get_base_queryset(self):
        return with_review_state(super().get_base_queryset())


class EntryEditView(EditView):
    """The edit page of a live entry with a draft offers the comparison with what is live, first in its header."""

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        entry = self.object
        if entry.live and entry.has_unpublished_changes:
            buttons.insert(
                0,
                HeaderButton(
                    _("Changes waiting: compare with live"),
                    url=review_path(entry),
                    icon_name="history",
                    classname="button-secondary",
                    priority=0,
                ),
            )
        return buttons
