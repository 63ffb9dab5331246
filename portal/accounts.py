"""django-allauth wiring: accounts by invitation only, mail through the outbox, staff sent to the admin."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.hubs import hub_for_request
from portal.outbox import queue_email
from portal.site import email_context
from portal.staff_access import is_hub_staff


def display_name(user):
    """The person's full name, else their email address (allauth's ``user_display``; a username is made up)."""
    return user.get_full_name().strip() or user.email or user.get_username()


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Partner accounts are created by invitation from hub staff; nobody signs up on their own."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": _("The email address or password is not right. Check both and try again."),
        "too_many_login_attempts": _("You have tried to sign in too many times. Wait 15 minutes, then try again."),
        "rate_limited": _("You have sent too many requests. Wait a minute, then try again."),
        "incorrect_code": _("The code is not right. Check it and try again."),
    }

    def is_open_for_signup(self, request):
        return False

    def get_login_redirect_url(self, request):
        if is_hub_staff(request.user):
            return reverse("wagtailadmin_home")
        return super().get_login_redirect_url(request)

    def send_mail(self, template_prefix, email, context):
        """Render allauth's email as usual, then queue it in the outbox: sent after commit, retried."""
        request = allauth_context.request
        hub = hub_for_request(request) if request is not None else None
        full_context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            **email_context(hub),
            **context,
        }
        message = self.render_mail(template_prefix, email, full_context)
        queue_email(
            to=email,
            template="account_message",
            context={"subject": message.subject, "body": message.body},
            hub=hub,
        )
