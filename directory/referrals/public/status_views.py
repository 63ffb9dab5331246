"""The private status link: the reference and where the report has got to, nothing the reporter told us.

A link opened on another hub's site (the referral was transferred, or the link was copied between sites) is
sent on to the same path on the referral's own hub's site, so links in old emails keep working."""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from portal.hubs import hub_for_request
from portal.models import Hub
from portal.site import absolute_url

from .access import referral_for_token


@never_cache
@require_http_methods(["GET"])
def report_status(request, token):
    referral = referral_for_token(token)
    if referral is None:
        response = render(request, "referrals/status_not_found.html", status=404)
    else:
        here = hub_for_request(request)
        if here is None or here.pk != referral.hub_id:
            own_hub = Hub.objects.select_related("site").get(pk=referral.hub_id)
            response = redirect(absolute_url(request.path, hub=own_hub))
        else:
            response = render(request, "referrals/status.html", {"referral": referral})
    response["Referrer-Policy"] = "no-referrer"
    return response
