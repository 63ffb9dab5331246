"""Who is a partner of which organisation, who may let people in, and the only way the partner pages look up
organisations and services.

Every lookup is scoped by the signed-in person's memberships: another organisation's entry, or a service
that is not the organisation's, is a 404 whatever id is tried, so nothing about it (not even its name) leaks.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from directory.models import Organisation, Service
from portal.hubs import hub_ids_for

from .models import PartnerMembership

# Whoever may invite can let a mailbox into any organisation, and so read its referral actions: only hub
# coordinators hold these (partners migration 0003); the services and the admin views ask for the same ones.
INVITE_PERMISSION = "partners.add_invitation"
WITHDRAW_PERMISSION = "partners.change_invitation"


# Which organisations work with a hub lets their partners refer into it: hub coordinators set it (partners
# migration 0005), and only for the hubs they work for.
ADD_PARTNERSHIP_PERMISSION = "partners.add_hubpartnership"
REMOVE_PARTNERSHIP_PERMISSION = "partners.delete_hubpartnership"


def may_manage_partnerships(user, hub=None):
    """Whether ``user`` may add and remove the organisations working with ``hub`` (with any hub when None)."""
    if user is None or not user.has_perms([ADD_PARTNERSHIP_PERMISSION, REMOVE_PARTNERSHIP_PERMISSION]):
        return False
    return bool(hub_ids_for(user)) if hub is None else hub.pk in hub_ids_for(user)


def may_invite(user):
    return user is not None and user.has_perm(INVITE_PERMISSION)


def may_withdraw(user):
    return user is not None and user.has_perm(WITHDRAW_PERMISSION)


def partner_organisations(user):
    """The organisations ``user`` acts for, in name order."""
    return Organisation.objects.filter(pk__in=PartnerMembership.objects.organisation_ids_for(user))


def organisation_for(user, organisation_id):
    return get_object_or_404(partner_organisations(user), pk=organisation_id)


def service_for(organisation, service_id):
    return get_object_or_404(Service.objects.filter(organisation=organisation), pk=service_id)


def partner_required(view):
    """Signed in (else to settings.LOGIN_URL) and a member of an organisation (else a 403 page).

    Every response is marked no-store: the pages show partners' own and their contacts' details.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not PartnerMembership.objects.filter(user=request.user).exists():
            return render(request, "partners/not_a_partner.html", status=403)
        return view(request, *args, **kwargs)

    return never_cache(login_required(wrapper))
