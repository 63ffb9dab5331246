"""Partner referrals: a partner refers an issue into the hub, sees the referrals they made and the actions
assigned to their organisation, and records progress on those actions. Nothing else (DESIGN invariant 3):
every lookup is scoped to the signed-in person, and anything else is a 404."""

import secrets

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from directory.partners.models import PartnerMembership
from directory.referrals import services
from directory.referrals.errors import ReferralError
from directory.referrals.models import ActionUpdate
from portal.site import hub_settings

from .access import assigned_actions, partner_hubs, partner_organisations, partner_required, referrals_made_by
from .forms import ActionUpdateForm, PartnerReferralForm

SENT_KEY = "partner_referral_sent"


@partner_required
@require_http_methods(["GET", "HEAD"])
def referral_list(request):
    made = referrals_made_by(request.user).select_related("referring_organisation", "area")
    actions = assigned_actions(request.user).prefetch_related(
        Prefetch("updates", queryset=ActionUpdate.objects.order_by("created_at"))
    )
    context = {
        "referrals": made.order_by("-submitted_at"),
        "open_actions": [action for action in actions if action.is_open],
        "finished_actions": [action for action in actions if not action.is_open],
        "today": timezone.localdate(),
    }
    return render(request, "referrals/partner/list.html", context)


@partner_required
@require_http_methods(["GET", "POST"])
def refer(request):
    organisations = list(partner_organisations(request.user).order_by("name"))
    hubs, hubs_by_organisation = partner_hubs(organisations)
    if not hubs:
        return render(request, "referrals/partner/no_hub.html")
    initial = {"submission_key": secrets.token_hex(16)}
    if len(hubs) == 1:
        initial["hub"] = hubs[0].pk
    form = PartnerReferralForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        organisations=organisations,
        hubs=hubs,
        hubs_by_organisation=hubs_by_organisation,
    )
    if request.method == "POST" and form.is_valid():
        try:
            referral, _token = services.submit_partner_referral(
                user=request.user,
                organisation_id=form.cleaned_data["organisation"],
                hub=form.chosen_hub(),
                details=form.details(),
                # The key rendered into the form: the same form posted twice makes one referral.
                submission_key=f"partner:{request.user.pk}:{form.cleaned_data['submission_key']}",
            )
        except ReferralError as error:
            form.add_error(None, error.message)
        else:
            request.session[SENT_KEY] = referral.pk
            return redirect("partners:referral_sent")
    return render(request, "referrals/partner/refer.html", {"form": form, "hubs": hubs})


@partner_required
@require_http_methods(["GET", "HEAD"])
def referral_sent(request):
    referral = referrals_made_by(request.user).filter(pk=request.session.get(SENT_KEY)).first()
    if referral is None:
        return redirect("partners:referrals")
    return render(request, "referrals/partner/sent.html", {"referral": referral})


def _history(action, hub_name):
    """The action's updates, oldest first, each with who made it: the organisation (one of its partners) or the
    hub (its staff, as ``hub_name``). People's names are not shown to partners."""
    updates = list(action.updates.order_by("created_at", "pk"))
    partner_ids = set(
        PartnerMembership.objects.filter(
            organisation_id=action.organisation_id, user_id__in={update.author_id for update in updates}
        ).values_list("user_id", flat=True)
    )
    for update in updates:
        update.by = action.organisation.name if update.author_id in partner_ids else hub_name
    return updates


@partner_required
@require_http_methods(["GET", "POST"])
def update_action(request, action_id):
    action = get_object_or_404(assigned_actions(request.user), pk=action_id)
    form = ActionUpdateForm(request.POST if request.method == "POST" else None, action=action)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_action(
                action_id=action.pk,
                user=request.user,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except ReferralError as error:
            form.add_error(None, error.message)
        else:
            return redirect("partners:referrals")
    today = timezone.localdate()
    # Whom to ask: the hub's name, phone and email as its staff set them in its site settings.
    hub_contact = hub_settings(action.referral.hub)
    context = {
        "action": action,
        "form": form,
        "finished": not action.is_open,
        "overdue": action.is_overdue(today),
        "history": _history(action, hub_contact.hub_name if hub_contact else action.referral.hub.name),
        "hub_contact": hub_contact,
        "page_title": _("Update an action"),
    }
    return render(request, "referrals/partner/action.html", context)
