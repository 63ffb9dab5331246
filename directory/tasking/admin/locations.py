"""Priority locations in the admin: the list, proposing one, and its page (referrals there by month, open
actions by agency, the problem-solving plan) with one small form per change."""

from collections import Counter
from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from directory.referrals import charts
from directory.tasking import services
from directory.tasking.choices import STEP_LABELS, LocationStatus, location_steps
from directory.tasking.models import OPEN_ACTION_STATUSES

from . import forms as tasking_forms
from .access import locations_for, one_or_404, staff_hubs
from .base import TaskingFormView, TaskingTemplateView

CHART_MONTHS = 12


def list_url():
    return reverse("tasking_admin:locations")


def location_url(location_id):
    return reverse("tasking_admin:location", args=[location_id])


class LocationListView(TaskingTemplateView):
    template_name = "tasking/admin/locations.html"
    page_title = _("Priority locations")

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        open_actions = Count("actions", filter=Q(actions__status__in=OPEN_ACTION_STATUSES))
        locations = (
            locations_for(self.request.user)
            .select_related("area", "lead_agency", "hub")
            .annotate(open_actions=open_actions)
            .order_by("status", "name")
        )
        return super().get_context_data(
            locations=locations, today=today, add_url=reverse("tasking_admin:location_new"), **kwargs
        )


class LocationCreateView(TaskingFormView):
    form_class = tasking_forms.LocationForm
    page_title = _("Propose a priority location")
    done = _("Priority location proposed.")

    def trail(self):
        return [{"url": list_url(), "label": _("Priority locations")}]

    def back_url(self):
        return list_url()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "hubs": staff_hubs(self.request.user)}

    def perform(self, form):
        data = form.cleaned_data
        self.location = services.create_priority_location(
            hub=form.chosen_hub(),
            user=self.request.user,
            name=data["name"],
            reason=data["reason"],
            area_id=data["area"].pk if data["area"] else None,
            lead_agency_id=data["lead_agency"].pk if data["lead_agency"] else None,
            postcodes=form.lines(data["postcodes"]),
            streets=form.lines(data["streets"]),
            problem=data["problem"],
        )

    def get_success_url(self):
        return location_url(self.location.pk)


def month_rows(by_month, end_month, months):
    rows = []
    for back in range(months - 1, -1, -1):
        month = services.add_months(end_month, -back)
        rows.append({"month": month, "label": date_format(month, "M Y"), "count": by_month.get(month, 0)})
    return rows


class LocationView(TaskingTemplateView):
    template_name = "tasking/admin/location.html"

    def load_objects(self):
        queryset = locations_for(self.request.user).select_related("area", "lead_agency", "hub")
        self.location = one_or_404(queryset, self.kwargs["pk"])

    def get_page_title(self):
        return self.location.name

    def trail(self):
        return [{"url": list_url(), "label": _("Priority locations")}]

    def get_context_data(self, **kwargs):
        location = self.location
        today = timezone.localdate()
        places = list(location.places.all())
        end_month = services.month_start(today)
        start = services.add_months(end_month, -(CHART_MONTHS - 1))
        by_month = services.referrals_by_month(location, places, start, services.add_months(end_month, 1))
        rows = month_rows(by_month, end_month, CHART_MONTHS)
        actions = list(location.actions.select_related("organisation").order_by("due_date", "pk"))
        for action in actions:
            action.overdue = action.is_overdue(today)
        open_by_agency = Counter(action.organisation.name for action in actions if action.is_open)
        steps = [
            {
                "name": name,
                "label": STEP_LABELS[name],
                "url": reverse("tasking_admin:location_step", args=[location.pk, name]),
            }
            for name in location_steps(location.status)
        ]
        return super().get_context_data(
            location=location,
            places=places,
            months=rows,
            months_total=sum(row["count"] for row in rows),
            chart=charts.column_chart(rows, [("count", _("Referrals"))]),
            actions=actions,
            open_by_agency=sorted(open_by_agency.items()),
            steps=steps,
            is_closed=location.status == LocationStatus.CLOSED,
            today=today,
            urls={
                "plan": reverse("tasking_admin:location_plan", args=[location.pk]),
                "action": reverse("tasking_admin:location_action", args=[location.pk]),
                "review": reverse("tasking_admin:location_review", args=[location.pk]),
            },
            **kwargs,
        )


class LocationFormView(TaskingFormView):
    def load_objects(self):
        self.location = one_or_404(locations_for(self.request.user), self.kwargs["pk"])

    def trail(self):
        return [
            {"url": list_url(), "label": _("Priority locations")},
            {"url": location_url(self.location.pk), "label": self.location.name},
        ]

    def back_url(self):
        return location_url(self.location.pk)


class PlanView(LocationFormView):
    form_class = tasking_forms.PlanForm
    page_title = _("Problem, analysis and what residents are told")
    done = _("Plan saved.")

    def get_initial(self):
        return {
            "problem": self.location.problem,
            "analysis": self.location.analysis,
            "public_summary": self.location.public_summary,
        }

    def perform(self, form):
        services.update_plan(location_id=self.location.pk, user=self.request.user, **form.cleaned_data)


class LocationActionView(LocationFormView):
    form_class = tasking_forms.ActionForm
    page_title = _("Add an agreed response")
    done = _("Action added.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "hub_id": self.location.hub_id}

    def perform(self, form):
        data = form.cleaned_data
        services.add_location_action(
            location_id=self.location.pk,
            user=self.request.user,
            organisation_id=data["organisation"],
            description=data["description"],
            due_date=data["due_date"],
        )


class ReviewView(LocationFormView):
    form_class = tasking_forms.ReviewForm
    page_title = _("Record a review")
    done = _("Review recorded.")

    def get_initial(self):
        return {"next_review": timezone.localdate() + services.REVIEW_EVERY}

    def perform(self, form):
        services.review_location(
            location_id=self.location.pk, user=self.request.user, next_review=form.cleaned_data["next_review"]
        )


class StepView(LocationFormView):
    """One step of ``choices.LOCATION_STEPS``; closing asks for the assessment, the others for a review date."""

    done = _("Status changed.")

    def get_page_title(self):
        return STEP_LABELS.get(self.kwargs["step"], "")

    def get_form_class(self):
        return tasking_forms.CloseForm if self.kwargs["step"] == "close" else tasking_forms.StepForm

    def get_initial(self):
        return {"next_review": timezone.localdate() + timedelta(days=91)}

    def perform(self, form):
        data = form.cleaned_data
        services.change_location_status(
            location_id=self.location.pk,
            user=self.request.user,
            step=self.kwargs["step"],
            next_review=data.get("next_review"),
            assessment=data.get("assessment", ""),
        )
