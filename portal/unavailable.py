"""A locked or unreachable database is answered with 503 and "try again", never the generic error page.

A person who pressed a button while the database was briefly unavailable keeps what they typed: for a POST
the page holds their answers as hidden fields in a form that posts them again to the same address, with a
fresh CSRF token. Passwords and files are never put back in a page. The page is rendered from a minimal
context, without the database (no site settings, navigation or user), since the database is what failed.
A view that speaks something other than HTML (an API answers JSON) gives its own answer instead, through
``answers_unavailable_with``.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.views.defaults import bad_request as generic_bad_request
from django.views.defaults import server_error as generic_server_error

logger = logging.getLogger(__name__)

UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5
CSRF_FIELD = "csrfmiddlewaretoken"
SECRET_FIELD_MARKERS = ("password",)
OWN_ANSWER_ATTRIBUTE = "database_unavailable_answer"


def answers_unavailable_with(answer):
    """Mark a view whose clients need another answer than the HTML page: ``answer(request)`` makes the 503
    response (its body and status); Retry-After, no-store and the logging stay the same as the page's. It is
    also used when the database failed in a middleware, before the view was reached."""

    def mark(view):
        setattr(view, OWN_ANSWER_ATTRIBUTE, answer)
        return view

    return mark


class DatabaseUnavailableMiddleware:
    """Answers a view that failed on the database with the 503 page. Last in MIDDLEWARE, so it sees the
    exception first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, UNAVAILABLE_ERRORS):
            return None
        match = getattr(request, "resolver_match", None)
        # The view's name, not the path: manage-by-link paths hold a private token.
        logger.error("Database unavailable in %s", match.view_name if match else "?", exc_info=exception)
        return unavailable_response(request)


def server_error(request):
    """handler500: the 503 page when the database failed outside a view (in a middleware), Django's generic
    500 page otherwise."""
    if _caused_by_the_database(sys.exc_info()[1]):
        return unavailable_response(request)
    return generic_server_error(request)


def bad_request(request, exception):
    """handler400: Django reports a session it could not save as SessionInterrupted (400), even when the
    database was locked; that is the 503 page too."""
    if _caused_by_the_database(exception):
        return unavailable_response(request)
    return generic_bad_request(request, exception)


def _caused_by_the_database(exception):
    while exception is not None:
        if isinstance(exception, UNAVAILABLE_ERRORS):
            return True
        exception = exception.__cause__ or exception.__context__
    return False


def unavailable_response(request):
    answer = _views_own_answer(request) or _unavailable_page
    response = answer(request)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # Logged above by view name; Django would log it again by path, and some paths hold private tokens.
    response._has_been_logged = True
    session = getattr(request, "session", None)
    if session is not None:
        # The request failed, so whatever it changed in the session is not kept (saving would need the
        # database too); the answers from earlier pages stay as they were.
        session.modified = False
    return response


def _views_own_answer(request):
    match = getattr(request, "resolver_match", None)
    if match is None:
        # The database failed in a middleware, before the URL was resolved; resolving needs no database.
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return None
    return getattr(match.func, OWN_ANSWER_ATTRIBUTE, None)


def _unavailable_page(request):
    reposting = request.method == "POST"
    fields, dropped = _fields_to_repost(request) if reposting else ([], False)
    context = {
        "reposting": reposting,
        "action": request.get_full_path(),
        "fields": fields,
        "dropped": dropped,
        "csrf_token": get_token(request),
    }
    return HttpResponse(render_to_string("503.html", context), status=503)


def _fields_to_repost(request):
    """(name, value) pairs of the posted form, without the old CSRF token and secrets; and whether anything
    (a password or a file) was left out."""
    fields, dropped = [], bool(request.FILES)
    for name, values in request.POST.lists():
        if name == CSRF_FIELD:
            continue
        if any(marker in name.lower() for marker in SECRET_FIELD_MARKERS):
            dropped = dropped or any(values)
            continue
        fields.extend((name, value) for value in values)
    return fields, dropped
