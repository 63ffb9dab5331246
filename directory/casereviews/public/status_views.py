"""The private status link of an ASB Case Review: the reference, where it has got to, the threshold decision and
the outcome the partners send the applicant; nothing the applicant told us. A link opened on another hub's site
goes on to the application's own hub's site."""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.hubs import hub_for_request
from portal.models import Hub
from portal.site import absolute_url

from .access import case_review_for_token


@never_cache
@require_GET
def application_status(request, token):
    case_review = case_review_for_token(token)
    if case_review is None:
        response = render(request, "casereviews/public/status_not_found.html", status=404)
    else:
        here = hub_for_request(request)
        if here is None or here.pk != case_review.hub_id:
            response = redirect(
                absolute_url(request.path, hub=Hub.objects.select_related("site").get(pk=case_review.hub_id))
            )
        else:
            response = render(request, "casereviews/public/status.html", {"case_review": case_review})
    response["Referrer-Policy"] = "no-referrer"
    return response
