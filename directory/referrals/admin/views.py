"""Hub staff's triage screens: the inspect view and one small form per step.

Only users with ``referrals.triage_referral`` (Hub coordinators, superusers) reach any of them. Every change
goes through ``services``, which locks the referral, checks the rule and writes the audit log; a refused step
comes back here as a form error. Wagtail marks every admin response ``Cache-Control: no-store``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import registry as log_registry
from wagtail_modeladmin.views import InspectView

from directory.referrals import services
from directory.referrals.choices import OPEN_STATUSES, LinkKind, Status, Taker, referral_steps
from directory.referrals.errors import ReferralError
from directory.referrals.models import ActionUpdate, Referral, ReferralAction, ReferralTransfer
from directory.tasking.models import live_locations_at
from portal.models import Hub

from . import forms as admin_forms
from .access import actions_for, can_triage, referral_or_404, transfers_out_for

HISTORY_SHOWN = 100
DETAIL_RELATIONS = ("hub", "area", "lead_agency", "signposted_to", "referring_organisation", "referred_by")


def referral_index_url():
    return reverse("referrals_referral_modeladmin_index")


def referral_inspect_url(referral_id):
    return reverse("referrals_referral_modeladmin_inspect", args=[referral_id])


def is_contact_overdue(referral, today):
    return (
        referral.status == Status.ACCEPTED
        and bool(referral.target_contact_date)
        and referral.target_contact_date < today
    )


def is_review_overdue(referral, today):
    return referral.status in OPEN_STATUSES and bool(referral.review_date) and referral.review_date < today


def linked_referrals(referral):
    """(other referral, kind) for every link, whichever side it was stored from."""
    links = [(link.to_referral, link.kind) for link in referral.links_from.select_related("to_referral")]
    links += [(link.from_referral, link.kind) for link in referral.links_to.select_related("from_referral")]
    return sorted(links, key=lambda pair: (pair[1], pair[0].submitted_at))


def referral_actions(referral, today):
    updates = Prefetch("updates", queryset=ActionUpdate.objects.select_related("author"))
    actions = list(referral.actions.select_related("organisation").prefetch_related(updates))
    for action in actions:
        action.overdue = action.is_overdue(today)
        action.update_url = reverse("referrals_admin:update_action", args=[action.pk]) if action.is_open else ""
    return actions


def transfers_in(referral):
    return list(ReferralTransfer.objects.filter(referral=referral).select_related("from_hub", "to_hub"))


def referral_history(referral):
    entries = log_registry.get_logs_for_instance(referral).select_related("user").order_by("-timestamp", "-pk")
    return list(entries[:HISTORY_SHOWN])


class ReferralInspectView(InspectView):
    """The whole referral for triage. Every view is written to the audit log first (DESIGN invariant 4)."""

    def get(self, request, *args, **kwargs):
        self.instance = Referral.objects.select_related(*DETAIL_RELATIONS).get(pk=self.instance.pk)
        services.record_view(referral=self.instance, user=request.user)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        referral = self.instance
        today = timezone.localdate()
        links = linked_referrals(referral)
        actions = referral_actions(referral, today)
        triage_actions = available_actions(referral)
        can_finish = any(item["name"] in FINISHING_STEPS for item in triage_actions)
        return super().get_context_data(
            referral=referral,
            today=today,
            contact_overdue=is_contact_overdue(referral, today),
            review_overdue=is_review_overdue(referral, today),
            triage_actions=triage_actions,
            actions=actions,
            # Said beside the resolve and close buttons: finishing the referral asks to cancel these.
            open_action_count=sum(action.is_open for action in actions) if can_finish else 0,
            notes=list(referral.notes.select_related("author")),
            same_place=[other for other, kind in links if kind == LinkKind.SAME_PLACE],
            related=[other for other, kind in links if kind == LinkKind.RELATED],
            duplicates=[other for other, kind in links if kind == LinkKind.DUPLICATE],
            history=referral_history(referral),
            history_url=self.url_helper.get_action_url("history", self.pk_quoted),
            note_form=admin_forms.NoteForm(),
            note_url=reverse("referrals_admin:note", args=[referral.pk]),
            transfers_in=transfers_in(referral),
            priority_locations=live_locations_at(referral),
            **kwargs,
        )


@dataclass(frozen=True)
class TriageAction:
    form_class: type
    perform: Callable
    title: str
    done: str


def _accept(referral, user, data):
    services.accept_referral(
        referral_id=referral.pk,
        user=user,
        priority=data["priority"],
        lead_agency_id=data["lead_agency"].pk,
        review_date=data["review_date"],
    )


def _decline(referral, user, data):
    agency = data.get("signposted_to")
    services.decline_referral(
        referral_id=referral.pk,
        user=user,
        reason=data["reason"],
        signposted_to_id=agency.pk if agency else None,
        note=data["note"],
    )


def _add_action(referral, user, data):
    services.add_action(
        referral_id=referral.pk,
        user=user,
        organisation_id=data["organisation"].pk,
        description=data["description"],
        due_date=data["due_date"],
    )


def _note(referral, user, data):
    services.add_note(referral_id=referral.pk, user=user, text=data["text"])


def _link(referral, user, data):
    services.link_referrals(referral_id=referral.pk, other_reference=data["reference"], kind=data["kind"], user=user)


def _resolve(referral, user, data):
    services.resolve_referral(
        referral_id=referral.pk,
        user=user,
        note=data["note"],
        cancel_open_actions=data.get("cancel_open_actions", False),
    )


def _close(referral, user, data):
    services.close_referral(
        referral_id=referral.pk,
        user=user,
        reason=data["reason"],
        note=data["note"],
        cancel_open_actions=data.get("cancel_open_actions", False),
    )


# The steps that finish a referral: refused while actions are open, unless the person chooses to cancel them.
FINISHING_STEPS = ("resolve", "close")


def open_actions_of(referral):
    return list(ReferralAction.objects.open().filter(referral=referral).select_related("organisation"))


# One form and service call per step in ``choices.REFERRAL_STEPS``, which says from which statuses it is offered.
TRIAGE_ACTIONS = {
    "accept": TriageAction(admin_forms.AcceptForm, _accept, _("Accept"), _("Referral %(reference)s accepted.")),
    "decline": TriageAction(admin_forms.DeclineForm, _decline, _("Decline"), _("Referral %(reference)s declined.")),
    "add_action": TriageAction(
        admin_forms.ActionForm, _add_action, _("Add an action"), _("Action added to %(reference)s.")
    ),
    "note": TriageAction(admin_forms.NoteForm, _note, _("Add a note"), _("Note added to %(reference)s.")),
    "link": TriageAction(admin_forms.LinkForm, _link, _("Link another referral"), _("Referral %(reference)s linked.")),
    "resolve": TriageAction(admin_forms.ResolveForm, _resolve, _("Resolve"), _("Referral %(reference)s resolved.")),
    "close": TriageAction(admin_forms.CloseForm, _close, _("Close"), _("Referral %(reference)s closed.")),
}


def available_actions(referral):
    """The buttons for the steps hub staff may take from the referral's status, in the table's order; an open
    referral can also be transferred to another hub."""
    buttons = [
        {
            "name": name,
            "label": TRIAGE_ACTIONS[name].title,
            "url": reverse(f"referrals_admin:{name}", args=[referral.pk]),
        }
        for name in referral_steps(referral.status, Taker.HUB)
    ]
    if referral.status in OPEN_STATUSES:
        buttons.append(
            {
                "name": "transfer",
                "label": _("Transfer to another hub"),
                "url": reverse("referrals_admin:transfer", args=[referral.pk]),
            }
        )
    return buttons


class TriageFormView(WagtailAdminTemplateMixin, FormView):
    """A small form about one referral: GET shows it, POST hands it to the service."""

    template_name = "referrals/admin/triage_form.html"
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not can_triage(request.user):
            raise PermissionDenied
        self.load_objects()
        return super().dispatch(request, *args, **kwargs)

    def load_objects(self):
        """Another hub's referral is not found, exactly like an unknown id."""
        self.referral = referral_or_404(self.request.user, self.kwargs["pk"])

    def get_form(self, form_class=None):
        form = admin_forms.limit_agencies(super().get_form(form_class), self.referral.hub_id)
        if "cancel_open_actions" in form.fields and not self.open_actions:
            del form.fields["cancel_open_actions"]
        return form

    @cached_property
    def open_actions(self):
        """The referral's open actions, on the forms that finish it (read again on every request)."""
        if self.kwargs.get("action") not in FINISHING_STEPS:
            return []
        return open_actions_of(self.referral)

    def get_form_class(self):
        return self.triage_action().form_class

    def triage_action(self):
        return TRIAGE_ACTIONS[self.kwargs["action"]]

    def get_page_title(self):
        return self.triage_action().title

    def get_page_subtitle(self):
        return self.referral.reference

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": referral_index_url(), "label": _("Referrals")},
            {"url": referral_inspect_url(self.referral.pk), "label": self.referral.reference},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            referral=self.referral,
            back_url=referral_inspect_url(self.referral.pk),
            open_actions=self.open_actions,
            **kwargs,
        )

    def perform(self, form):
        self.triage_action().perform(self.referral, self.request.user, form.cleaned_data)

    def done_message(self):
        return self.triage_action().done % {"reference": self.referral.reference}

    def form_valid(self, form):
        try:
            self.perform(form)
        except ReferralError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, self.done_message())
        return redirect(referral_inspect_url(self.referral.pk))


class ActionUpdateView(TriageFormView):
    """Record progress on one of a referral's actions."""

    form_class = admin_forms.ActionUpdateForm
    page_title = _("Update an action")

    def load_objects(self):
        self.action = get_object_or_404(
            actions_for(self.request.user).select_related("referral", "organisation"), pk=self.kwargs["action_id"]
        )
        self.referral = self.action.referral

    def get_form_class(self):
        return self.form_class

    def get_page_title(self):
        return self.page_title

    def get_context_data(self, **kwargs):
        return super().get_context_data(action=self.action, **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        services.update_action(
            action_id=self.action.pk, user=self.request.user, status=data["status"], note=data["note"]
        )

    def done_message(self):
        return _("Action for %(agency)s updated.") % {"agency": self.action.organisation}


class TransferView(TriageFormView):
    """Hand an open referral to another hub, with a reason (no names or addresses)."""

    form_class = admin_forms.TransferForm
    page_title = _("Transfer to another hub")

    def get_form_class(self):
        return self.form_class

    def get_page_title(self):
        return self.page_title

    def get_form_kwargs(self):
        hubs = Hub.objects.exclude(pk=self.referral.hub_id).order_by("sort_order", "name")
        return {**super().get_form_kwargs(), "hubs": hubs}

    def perform(self, form):
        data = form.cleaned_data
        self.transfer = services.transfer_referral(
            referral_id=self.referral.pk, user=self.request.user, to_hub_id=data["to_hub"], reason=data["reason"]
        )

    def form_valid(self, form):
        try:
            self.perform(form)
        except ReferralError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Referral %(reference)s transferred to %(hub)s.")
            % {"reference": self.referral.reference, "hub": self.transfer.to_hub.name},
        )
        return redirect(referral_index_url())


class TransfersOutView(WagtailAdminTemplateMixin, TemplateView):
    """What the user's hubs sent to other hubs: reference, date, where to, why and by whom. No link into the
    referral (it is the other hub's now) and nothing the reporter said."""

    template_name = "referrals/admin/transfers_out.html"
    page_title = _("Transfers out")
    header_icon = "arrow-right"

    def dispatch(self, request, *args, **kwargs):
        if not can_triage(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        transfers = (
            transfers_out_for(self.request.user)
            .select_related("from_hub", "to_hub", "transferred_by")
            .order_by("-transferred_at")
        )
        return super().get_context_data(transfers=transfers[:500], **kwargs)
