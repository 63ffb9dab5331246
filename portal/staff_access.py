"""Who reaches the Wagtail admin, and how they sign in.

Hub staff sign in through the same allauth login as partners (``/admin/login/`` sends them there), and a
staff account without an activated authenticator app is sent to set one up before it sees any admin page.
Partners never enter the admin.
"""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

ADMIN_ACCESS = "wagtailadmin.access_admin"


def is_hub_staff(user):
    """Staff accounts: Django staff, superusers, and anyone whose groups open the Wagtail admin."""
    return bool(
        user.is_authenticated and user.is_active and (user.is_staff or user.is_superuser or user.has_perm(ADMIN_ACCESS))
    )


def has_totp(user):
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


def needs_totp_setup(user):
    return settings.STAFF_REQUIRE_2FA and is_hub_staff(user) and not has_totp(user)


class StaffAccessMiddleware:
    """Guards every ``ADMIN_URL_PREFIXES`` path before Wagtail sees the request.

    - ``/admin/login/`` redirects to allauth's login, keeping ``next``;
    - a signed-in person without admin access gets a plain refusal (Wagtail would send them back to the
      login page, which sends a signed-in person straight on to ``next``: a loop);
    - staff without TOTP are sent to activate it (``STAFF_REQUIRE_2FA``); signing out stays open to them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if not path.startswith(settings.ADMIN_URL_PREFIXES):
            return self.get_response(request)
        if path == reverse("wagtailadmin_login"):
            return redirect_to_login(request.GET.get("next") or reverse("wagtailadmin_home"))
        user = request.user
        if not user.is_authenticated or path == reverse("wagtailadmin_logout"):
            return self.get_response(request)
        if not user.has_perm(ADMIN_ACCESS):
            return render(request, "account/staff_only.html", status=403)
        if needs_totp_setup(user):
            messages.warning(request, _("Set up an authenticator app to use the hub admin."))
            return redirect("mfa_activate_totp")
        return self.get_response(request)
