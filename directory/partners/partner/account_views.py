"""The invitation link's pages. Thin: check the link, form -> service -> sign in -> the partner dashboard."""

from urllib.parse import urlencode

from allauth.account.utils import perform_login
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from directory.partners import invitations
from directory.partners.errors import AccountExists, InvitationError, InvitationInvalid

from .account_forms import SetPasswordForm


def _refused(request, error):
    status = 404 if isinstance(error, InvitationInvalid) else 410
    return render(request, "partners/invitation_invalid.html", {"message": error.message}, status=status)


def _sign_in_first(request, invitation):
    login_url = reverse("account_login") + "?" + urlencode({"next": request.path})
    context = {"invitation": invitation, "login_url": login_url}
    return render(request, "partners/invitation_sign_in.html", context, status=409 if request.method == "POST" else 200)


def _set_password(request, invitation):
    form = SetPasswordForm(request.POST if request.method == "POST" else None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.accept_invitation(invitation_id=invitation.pk, password=form.cleaned_data["password1"])
        except AccountExists:
            return _sign_in_first(request, invitation)
        except InvitationError as error:
            return _refused(request, error)
        return perform_login(
            request,
            user,
            email_verification=settings.ACCOUNT_EMAIL_VERIFICATION,
            redirect_url=settings.LOGIN_REDIRECT_URL,
        )
    context = {"form": form, "invitation": invitation}
    return render(request, "partners/invitation_accept.html", context)


def _join(request, invitation):
    if request.method == "POST":
        try:
            invitations.accept_invitation_as(invitation_id=invitation.pk, user=request.user)
        except InvitationError as error:
            return _refused(request, error)
        messages.success(request, _("You can now update %(name)s.") % {"name": invitation.organisation.name})
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "partners/invitation_join.html", {"invitation": invitation})


@never_cache
@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    """One link, four answers: set a password (new person), sign in first (existing account), join (signed
    in as the invited account), or a refusal (another account signed in; link forged, used, expired or
    withdrawn)."""
    try:
        invitation = invitations.find_invitation(token)
    except InvitationError as error:
        return _refused(request, error)
    owner = invitations.user_for_email(invitation.email)
    if request.user.is_authenticated:
        if owner is None or owner.pk != request.user.pk:
            return render(request, "partners/invitation_wrong_account.html", status=403)
        return _join(request, invitation)
    if owner is not None:
        return _sign_in_first(request, invitation)
    return _set_password(request, invitation)
