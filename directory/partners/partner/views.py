"""The partner dashboard: a partner keeps their organisation's directory entry current. Thin: form -> service ->
redirect. Every view is behind ``partner_required`` and looks objects up through ``access`` only."""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from directory.models import Service
from directory.partners import services
from directory.partners.models import HubPartnership, PartnerMembership
from directory.referrals.models import Referral, ReferralAction
from directory.tasking.models import TaskingAction

from .access import organisation_for, partner_organisations, partner_required, service_for
from .forms import OrganisationForm, RemoveServiceForm, ServiceForm

# How many finished actions and referrals the dashboard lists (the newest); the referrals page has the rest.
RECENT = 10

SAVED = _("Your changes are saved as a draft. Hub staff will check them before they appear in the directory.")


def _posted(request):
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def _work(user, today):
    """The actions assigned to the organisations ``user`` acts for (open ones in work order, the newest finished
    ones), the open actions agreed for them at tasking meetings and in priority locations' plans, and the
    referrals they or their organisations made, newest first. Nothing of any other organisation's."""
    organisation_ids = PartnerMembership.objects.organisation_ids_for(user)
    actions = ReferralAction.objects.assigned_to(organisation_ids).select_related(
        "referral__area", "referral__hub", "organisation"
    )
    open_actions = actions.open()
    finished_actions = actions.exclude(pk__in=ReferralAction.objects.open().values("pk"))
    referrals = Referral.objects.made_by(user, organisation_ids).select_related("hub", "referring_organisation")
    tasking_actions = (
        TaskingAction.objects.assigned_to(organisation_ids)
        .open()
        .select_related("hub", "organisation", "priority_location", "item__meeting")
        .order_by("due_date", "pk")
    )
    return {
        "tasking_actions": tasking_actions,
        "open_actions": open_actions.in_work_order(today),
        "finished_actions": finished_actions.order_by("-completed_at", "-pk")[:RECENT],
        "referrals": referrals.order_by("-submitted_at", "-pk")[:RECENT],
        "today": today,
    }


@partner_required
@require_http_methods(["GET", "HEAD"])
def dashboard(request):
    organisations = (
        partner_organisations(request.user)
        .select_related("latest_revision")
        .prefetch_related(
            Prefetch("services", queryset=Service.objects.select_related("latest_revision").order_by("name")),
            Prefetch(
                "hub_partnerships",
                queryset=HubPartnership.objects.select_related("hub").order_by("hub__sort_order", "hub__name"),
            ),
        )
    )
    context = {"organisations": organisations, **_work(request.user, timezone.localdate())}
    return render(request, "partners/dashboard.html", context)


@partner_required
@require_http_methods(["GET", "POST"])
def edit_organisation(request, organisation_id):
    organisation = organisation_for(request.user, organisation_id)
    draft = organisation.get_latest_revision_as_object()
    data, files = _posted(request)
    form = OrganisationForm(data, files, instance=draft)
    if data is not None and form.is_valid():
        services.save_organisation_draft(
            organisation=form.save(commit=False),
            user=request.user,
            logo_upload=form.cleaned_data["logo_file"],
            remove_logo=form.cleaned_data["remove_logo"],
        )
        messages.success(request, SAVED)
        return redirect("partners:dashboard")
    context = {"organisation": organisation, "draft": draft, "form": form}
    return render(request, "partners/organisation_form.html", context)


@partner_required
@require_POST
def confirm_details(request, organisation_id):
    organisation = organisation_for(request.user, organisation_id)
    services.confirm_details_correct(organisation=organisation, user=request.user)
    messages.success(
        request,
        _("Thank you. We have recorded that the details of %(name)s are correct.") % {"name": organisation.name},
    )
    return redirect("partners:dashboard")


def _service_form_page(request, organisation, service, draft):
    data, _files = _posted(request)
    form = ServiceForm(data, instance=draft)
    if data is not None and form.is_valid():
        revision = services.save_service_draft(
            service=form.save(commit=False), organisation=organisation, user=request.user
        )
        messages.success(request, SAVED)
        if "add_row" in request.POST:
            return redirect("partners:edit_service", organisation.pk, revision.object_id)
        return redirect("partners:dashboard")
    context = {"organisation": organisation, "service": service, "form": form}
    return render(request, "partners/service_form.html", context)


@partner_required
@require_http_methods(["GET", "POST"])
def add_service(request, organisation_id):
    organisation = organisation_for(request.user, organisation_id)
    return _service_form_page(request, organisation, None, Service(organisation=organisation))


@partner_required
@require_http_methods(["GET", "POST"])
def edit_service(request, organisation_id, service_id):
    organisation = organisation_for(request.user, organisation_id)
    service = service_for(organisation, service_id)
    return _service_form_page(request, organisation, service, service.get_latest_revision_as_object())


@partner_required
@require_http_methods(["GET", "POST"])
def remove_service(request, organisation_id, service_id):
    organisation = organisation_for(request.user, organisation_id)
    service = service_for(organisation, service_id)
    data, _files = _posted(request)
    form = RemoveServiceForm(data)
    if data is not None and form.is_valid():
        services.remove_service(service=service, user=request.user)
        messages.success(request, _("Your request to remove the service is saved. Hub staff will check it."))
        return redirect("partners:dashboard")
    return render(
        request, "partners/service_remove.html", {"organisation": organisation, "service": service, "form": form}
    )
