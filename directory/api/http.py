"""How every Open Referral UK response is made: JSON, open to any origin, read-only, errors as JSON."""

from functools import wraps

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from portal.unavailable import answers_unavailable_with

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": ", ".join(SAFE_METHODS),
    "Access-Control-Max-Age": "86400",
}


class ApiError(Exception):
    """A request the API answers with an error status and a JSON body saying why."""

    status = 400

    def __init__(self, message, *, parameter=None):
        super().__init__(message)
        self.message = str(message)
        self.parameter = parameter


class BadParameter(ApiError):
    status = 400

    def __init__(self, parameter, message):
        super().__init__(message, parameter=parameter)


class NotFound(ApiError):
    status = 404


class MethodNotAllowed(ApiError):
    status = 405


class ServiceUnavailable(ApiError):
    status = 503


def json_response(data, *, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    for header, value in CORS_HEADERS.items():
        response[header] = value
    return response


def error_response(error):
    body = {"status": error.status, "message": error.message}
    if error.parameter:
        body["parameter"] = error.parameter
    response = json_response(body, status=error.status)
    if error.status == 405:
        response["Allow"] = CORS_HEADERS["Access-Control-Allow-Methods"]
    return response


def preflight_response():
    response = HttpResponse(status=204)
    for header, value in CORS_HEADERS.items():
        response[header] = value
    response["Allow"] = CORS_HEADERS["Access-Control-Allow-Methods"]
    return response


def database_unavailable_response(request):
    """What the API's clients get when the database is locked or unreachable: the API's JSON error, not the
    site's HTML page (portal.unavailable adds Retry-After and no-store)."""
    return error_response(ServiceUnavailable(_("The directory cannot be read just now. Try again in a few seconds.")))


def api_view(view):
    """Answer GET and HEAD with ``view``, OPTIONS with the CORS preflight, anything else with 405.

    The API never changes anything, so it needs no CSRF check: without the exemption a POST would get
    Django's HTML 403 instead of the JSON 405 that says the method is not allowed. A database failure, in
    the view or in a middleware, is answered by ``database_unavailable_response``.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return preflight_response()
        if request.method not in SAFE_METHODS:
            return error_response(MethodNotAllowed(_("This API only answers GET, HEAD and OPTIONS requests.")))
        try:
            response = view(request, *args, **kwargs)
        except ApiError as error:
            response = error_response(error)
        for header, value in CORS_HEADERS.items():
            response.setdefault(header, value)
        return response

    return answers_unavailable_with(database_unavailable_response)(csrf_exempt(wrapper))
