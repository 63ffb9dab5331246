"""The tasking meeting in the admin: meetings, the agenda, each item's decision and actions, the minutes
(printable page and OpenDocument download), the forward plan, and progress on any tasking action."""

from django import forms
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.tasking import minutes, services
from directory.tasking.choices import MINUTABLE_STATUSES, MeetingStatus

from . import forms as tasking_forms
from .access import actions_for, events_for, meetings_for, one_or_404, require_tasking, staff_hubs
from .base import TaskingFormView, TaskingTemplateView


def meetings_url():
    return reverse("tasking_admin:meetings")


def meeting_url(meeting_id):
    return reverse("tasking_admin:meeting", args=[meeting_id])


class MeetingListView(TaskingTemplateView):
    template_name = "tasking/admin/meetings.html"
    page_title = _("Tasking meetings")

    def get_context_data(self, **kwargs):
        meetings = meetings_for(self.request.user).select_related("hub").order_by("-held_on", "-pk")[:200]
        return super().get_context_data(
            meetings=meetings, add_url=reverse("tasking_admin:meeting_new"), today=timezone.localdate(), **kwargs
        )


class MeetingCreateView(TaskingFormView):
    form_class = tasking_forms.MeetingForm
    page_title = _("Plan a meeting")
    done = _("Meeting planned, its agenda built from what is in hand.")

    def trail(self):
        return [{"url": meetings_url(), "label": _("Tasking meetings")}]

    def back_url(self):
        return meetings_url()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "hubs": staff_hubs(self.request.user)}

    def perform(self, form):
        data = form.cleaned_data
        self.meeting = services.schedule_meeting(
            hub=form.chosen_hub(), user=self.request.user, held_on=data["held_on"], chair=data["chair"]
        )

    def get_success_url(self):
        return meeting_url(self.meeting.pk)


class MeetingView(TaskingTemplateView):
    """The agenda (before the meeting) and the draft or issued minutes (after): the same page."""

    template_name = "tasking/admin/meeting.html"

    def load_objects(self):
        self.meeting = one_or_404(meetings_for(self.request.user).select_related("hub"), self.kwargs["pk"])

    def get_page_title(self):
        return _("Tasking meeting, %(date)s") % {"date": self.meeting}

    def trail(self):
        return [{"url": meetings_url(), "label": _("Tasking meetings")}]

    def get_context_data(self, **kwargs):
        meeting = self.meeting
        pk = meeting.pk
        return super().get_context_data(
            meeting=meeting,
            sections=minutes.minutes_of(meeting),
            agencies=list(meeting.agencies_present.order_by("name").values_list("name", flat=True)),
            today=timezone.localdate(),
            minutable=meeting.status in MINUTABLE_STATUSES,
            planned=meeting.status == MeetingStatus.PLANNED,
            held=meeting.status == MeetingStatus.HELD,
            urls={
                "add_item": reverse("tasking_admin:meeting_item_new", args=[pk]),
                "refresh": reverse("tasking_admin:meeting_refresh", args=[pk]),
                "held": reverse("tasking_admin:meeting_held", args=[pk]),
                "issue": reverse("tasking_admin:meeting_issue", args=[pk]),
                "minutes": reverse("tasking_admin:meeting_minutes", args=[pk]),
                "download": reverse("tasking_admin:meeting_download", args=[pk]),
            },
            **kwargs,
        )


class MeetingFormView(TaskingFormView):
    def load_objects(self):
        self.meeting = one_or_404(meetings_for(self.request.user), self.kwargs["pk"])

    def trail(self):
        return [
            {"url": meetings_url(), "label": _("Tasking meetings")},
            {"url": meeting_url(self.meeting.pk), "label": str(self.meeting)},
        ]

    def back_url(self):
        return meeting_url(self.meeting.pk)


class AddItemView(MeetingFormView):
    form_class = tasking_forms.ItemForm
    page_title = _("Add an agenda item")
    done = _("Item added.")

    def perform(self, form):
        services.add_agenda_item(meeting_id=self.meeting.pk, user=self.request.user, title=form.cleaned_data["title"])


class ConfirmForm(forms.Form):
    pass


class RefreshView(MeetingFormView):
    form_class = ConfirmForm
    page_title = _("Add what has come in since the agenda was built")
    done = _("Agenda brought up to date.")

    def perform(self, form):
        services.refresh_agenda(meeting_id=self.meeting.pk, user=self.request.user)


class HeldView(MeetingFormView):
    form_class = tasking_forms.HeldForm
    page_title = _("Record the meeting as held")
    done = _("Meeting recorded as held: its minutes are in draft.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "hub_id": self.meeting.hub_id}

    def perform(self, form):
        services.record_meeting_held(
            meeting_id=self.meeting.pk,
            user=self.request.user,
            agency_ids=[agency.pk for agency in form.cleaned_data["agencies"]],
        )


class IssueView(MeetingFormView):
    form_class = ConfirmForm
    page_title = _("Issue the minutes")
    done = _("Minutes issued: the partners of each agency with actions have been emailed a link.")

    def perform(self, form):
        services.issue_minutes(meeting_id=self.meeting.pk, user=self.request.user)


class ItemView(MeetingFormView):
    """One agenda item: its decision, and the actions agreed on it."""

    form_class = tasking_forms.DecisionForm
    template_name = "tasking/admin/item.html"
    done = _("Decision recorded.")

    def load_objects(self):
        super().load_objects()
        self.item = one_or_404(self.meeting.items.all(), self.kwargs["item_id"])

    def get_page_title(self):
        return self.item.title

    def get_initial(self):
        return {"decision": self.item.decision}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            item=self.item,
            actions=list(self.item.actions.select_related("organisation")),
            action_url=reverse("tasking_admin:item_action", args=[self.meeting.pk, self.item.pk]),
            minutable=self.meeting.status in MINUTABLE_STATUSES,
            **kwargs,
        )

    def perform(self, form):
        services.record_decision(item_id=self.item.pk, user=self.request.user, decision=form.cleaned_data["decision"])


class ItemActionView(MeetingFormView):
    form_class = tasking_forms.ActionForm
    page_title = _("Add an action")
    done = _("Action added.")

    def load_objects(self):
        super().load_objects()
        self.item = one_or_404(self.meeting.items.all(), self.kwargs["item_id"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "hub_id": self.meeting.hub_id}

    def back_url(self):
        return reverse("tasking_admin:item", args=[self.meeting.pk, self.item.pk])

    def perform(self, form):
        data = form.cleaned_data
        services.add_item_action(
            item_id=self.item.pk,
            user=self.request.user,
            organisation_id=data["organisation"],
            description=data["description"],
            due_date=data["due_date"],
        )


class MinutesView(TaskingTemplateView):
    """The minutes to print: references, places, decisions and actions only."""

    template_name = "tasking/minutes.html"

    def load_objects(self):
        self.meeting = one_or_404(meetings_for(self.request.user).select_related("hub"), self.kwargs["pk"])

    def get_page_title(self):
        return _("Minutes, %(date)s") % {"date": self.meeting}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meeting=self.meeting,
            hub_name=self.meeting.hub.name,
            sections=minutes.minutes_of(self.meeting),
            agencies=list(self.meeting.agencies_present.order_by("name").values_list("name", flat=True)),
            **kwargs,
        )


def odt_response(meeting):
    agencies = list(meeting.agencies_present.order_by("name").values_list("name", flat=True))
    content = minutes.minutes_odt(meeting, meeting.hub.name, minutes.minutes_of(meeting), agencies)
    response = HttpResponse(content, content_type=minutes.ODT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{minutes.filename(meeting)}"'
    response["Cache-Control"] = "no-store"
    return response


def download_minutes(request, pk):
    require_tasking(request.user)
    return odt_response(one_or_404(meetings_for(request.user).select_related("hub"), pk))


class EventListView(TaskingTemplateView):
    template_name = "tasking/admin/events.html"
    page_title = _("Forward plan")

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        events = (
            events_for(self.request.user)
            .filter(starts_on__gte=today)
            .select_related("lead", "hub")
            .prefetch_related("partners")
            .order_by("starts_on", "pk")
        )
        return super().get_context_data(events=events, add_url=reverse("tasking_admin:event_new"), **kwargs)


class EventCreateView(TaskingFormView):
    form_class = tasking_forms.EventForm
    page_title = _("Add an event to the forward plan")
    done = _("Event added to the forward plan.")

    def back_url(self):
        return reverse("tasking_admin:events")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "hubs": staff_hubs(self.request.user)}

    def perform(self, form):
        data = form.cleaned_data
        services.add_event(
            hub=form.chosen_hub(),
            user=self.request.user,
            name=data["name"],
            starts_on=data["starts_on"],
            place=data["place"],
            lead_id=data["lead"].pk if data["lead"] else None,
            partner_ids=[partner.pk for partner in data["partners"]],
        )


class ActionUpdateView(TaskingFormView):
    form_class = tasking_forms.ActionUpdateForm
    page_title = _("Update an action")
    template_name = "tasking/admin/action.html"
    done = _("Action updated.")

    def load_objects(self):
        queryset = actions_for(self.request.user).select_related("organisation", "item", "priority_location")
        self.action = one_or_404(queryset, self.kwargs["pk"])

    def back_url(self):
        if self.action.priority_location_id:
            return reverse("tasking_admin:location", args=[self.action.priority_location_id])
        return reverse("tasking_admin:item", args=[self.action.item.meeting_id, self.action.item_id])

    def get_context_data(self, **kwargs):
        return super().get_context_data(action=self.action, **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        services.update_tasking_action(
            action_id=self.action.pk, user=self.request.user, status=data["status"], note=data["note"]
        )
