"""Hub staff's ASB Case Review screens: the inspect view, one small form per step, and the hub's threshold and
timescales. Every change goes through ``services``; a refused step comes back as a form error."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import registry as log_registry
from wagtail_modeladmin.views import InspectView

from directory.casereviews import services
from directory.casereviews.choices import STEPS, Threshold, steps_from
from directory.casereviews.errors import CaseReviewError
from directory.casereviews.models import CaseReview, CaseReviewSettings
from portal.hubs import hub_ids_for, hubs_for

from . import forms as admin_forms
from .access import can_manage, case_review_or_404

HISTORY_SHOWN = 50


def inspect_url(case_review_id):
    return reverse("casereviews_casereview_modeladmin_inspect", args=[case_review_id])


def threshold_checks(case_review):
    """The linked referrals counted against the national threshold and, when the hub has one, its local one."""
    checks = []
    rules = CaseReviewSettings.for_hub(case_review.hub_id)
    for threshold in (Threshold.NATIONAL, Threshold.LOCAL):
        if threshold == Threshold.LOCAL and not rules.local_reports:
            continue
        referrals, needed, days = services.qualifying_referrals(case_review, threshold=threshold)
        checks.append(
            {
                "label": Threshold(threshold).label,
                "count": len(referrals),
                "needed": needed,
                "days": days,
                "met": len(referrals) >= needed,
            }
        )
    return checks


class CaseReviewInspectView(InspectView):
    """The whole application, with the reports it rests on; every view is written to the audit log."""

    def get(self, request, *args, **kwargs):
        self.instance = CaseReview.objects.select_related("hub", "area").get(pk=self.instance.pk)
        services.record_view(case_review=self.instance, user=request.user)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        case_review = self.instance
        today = timezone.localdate()
        linked = list(case_review.linked_referrals.select_related("area").order_by("submitted_at"))
        for referral in linked:
            referral.inspect_url = reverse("referrals_referral_modeladmin_inspect", args=[referral.pk])
        history = log_registry.get_logs_for_instance(case_review).select_related("user").order_by("-timestamp", "-pk")
        return super().get_context_data(
            case_review=case_review,
            overdue=case_review.is_overdue(today),
            reports=list(case_review.reports.all()),
            linked=linked,
            checks=threshold_checks(case_review),
            steps=[
                {"label": STEPS[name].title, "url": reverse(f"casereviews_admin:{name}", args=[case_review.pk])}
                for name in steps_from(case_review.status)
            ],
            link_form=admin_forms.LinkReferralForm(),
            link_url=reverse("casereviews_admin:link", args=[case_review.pk]),
            history=list(history[:HISTORY_SHOWN]),
            **kwargs,
        )


@dataclass(frozen=True)
class StepAction:
    form_class: type
    perform: Callable
    title: str
    done: str


def _decide(met):
    def perform(case_review, user, data):
        services.decide_threshold(
            case_review_id=case_review.pk, user=user, met=met, threshold=data["threshold"], note=data["note"]
        )

    return perform


def _review(case_review, user, data):
    services.record_review(case_review_id=case_review.pk, user=user, **data)


def _respond(case_review, user, data):
    services.record_response(case_review_id=case_review.pk, user=user, response=data["response"])


def _link(case_review, user, data):
    services.link_referral(case_review_id=case_review.pk, user=user, reference=data["reference"])


ACTIONS = {
    "threshold_met": StepAction(
        admin_forms.ThresholdForm, _decide(True), STEPS["threshold_met"].title, _("Threshold met: %(reference)s.")
    ),
    "threshold_not_met": StepAction(
        admin_forms.ThresholdForm,
        _decide(False),
        STEPS["threshold_not_met"].title,
        _("Threshold not met: %(reference)s."),
    ),
    "review": StepAction(admin_forms.ReviewForm, _review, STEPS["review"].title, _("Review recorded: %(reference)s.")),
    "respond": StepAction(
        admin_forms.ResponseForm, _respond, STEPS["respond"].title, _("Response sent: %(reference)s.")
    ),
    "link": StepAction(
        admin_forms.LinkReferralForm, _link, _("Link a referral"), _("Referral linked to %(reference)s.")
    ),
}


class StepFormView(WagtailAdminTemplateMixin, FormView):
    """A small form about one application: GET shows it, POST hands it to the service."""

    template_name = "casereviews/admin/step_form.html"
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not can_manage(request.user):
            raise PermissionDenied
        self.case_review = case_review_or_404(request.user, self.kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def action(self):
        return ACTIONS[self.kwargs["action"]]

    def get_form_class(self):
        return self.action().form_class

    def get_page_title(self):
        return self.action().title

    def get_page_subtitle(self):
        return self.case_review.reference

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            case_review=self.case_review, back_url=inspect_url(self.case_review.pk), **kwargs
        )

    def form_valid(self, form):
        try:
            self.action().perform(self.case_review, self.request.user, form.cleaned_data)
        except CaseReviewError as error:
            form.add_error(None, str(error.message))
            return self.form_invalid(form)
        messages.success(self.request, self.action().done % {"reference": self.case_review.reference})
        return redirect(inspect_url(self.case_review.pk))


class SettingsIndexView(WagtailAdminTemplateMixin, TemplateView):
    """The hubs the user works for, each with its threshold and timescales."""

    template_name = "casereviews/admin/settings_index.html"
    page_title = _("ASB Case Review settings")
    header_icon = "cog"

    def dispatch(self, request, *args, **kwargs):
        if not can_manage(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        hubs = list(hubs_for(self.request.user))
        saved = {rules.hub_id: rules for rules in CaseReviewSettings.objects.filter(hub__in=hubs)}
        rows = [(hub, saved.get(hub.pk) or CaseReviewSettings(hub=hub)) for hub in hubs]
        return super().get_context_data(rows=rows, **kwargs)


class SettingsView(WagtailAdminTemplateMixin, FormView):
    template_name = "casereviews/admin/step_form.html"
    form_class = admin_forms.SettingsForm
    header_icon = "cog"

    def dispatch(self, request, *args, **kwargs):
        if not can_manage(request.user):
            raise PermissionDenied
        if self.kwargs["hub_id"] not in hub_ids_for(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("ASB Case Review threshold and timescales")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": CaseReviewSettings.for_hub(self.kwargs["hub_id"])}

    def get_context_data(self, **kwargs):
        return super().get_context_data(back_url=reverse("casereviews_admin:settings"), **kwargs)

    def form_valid(self, form):
        services.update_settings(hub_id=self.kwargs["hub_id"], user=self.request.user, values=form.cleaned_data)
        messages.success(self.request, _("ASB Case Review settings saved."))
        return redirect("casereviews_admin:settings")
