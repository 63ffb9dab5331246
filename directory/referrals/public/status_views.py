"""The private status link: the reference and where the report has got to, nothing the reporter told us."""

import hmac

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from directory.referrals.models import Referral, hash_token

MAX_TOKEN_LENGTH = 128


def referral_for_token(token):
    if len(token) > MAX_TOKEN_LENGTH:
        return None
    digest = hash_token(token)
    referral = Referral.objects.filter(status_token_hash=digest).only("reference", "status", "submitted_at").first()
    if referral is None or not hmac.compare_digest(referral.status_token_hash, digest):
        return None
    return referral


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
