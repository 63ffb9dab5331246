"""The private status link: the reference and where the report has got to, nothing the reporter told us."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .access import referral_for_token


@never_cache
@require_http_methods(["GET"])
def report_status(request, token):
    referral = referral_for_token(token)
    if referral is None:
        response = render(request, "referrals/status_not_found.html", status=404)
    else:
        response = render(request, "referrals/status.html", {"referral": referral})
    response["Referrer-Policy"] = "no-referrer"
    return response
