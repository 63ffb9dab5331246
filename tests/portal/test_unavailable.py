"""The 503 "try again" page: what it puts back in the form, what it never does, and how it is reached."""

from unittest import mock

import pytest
from django.contrib.sessions.exceptions import SessionInterrupted
from django.core.exceptions import SuspiciousOperation
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.test import RequestFactory

from portal.accounts import InvitationOnlyAccountAdapter
from portal.unavailable import bad_request, server_error, unavailable_response


def test_a_post_comes_back_as_hidden_fields_without_passwords_or_files():
    """No django_db mark: pytest-django refuses any database access, so the page is made without it."""
    posted = {
        "login": "pat@example.org",
        "password": "correct horse battery staple",
        "new_password1": "another secret",
        "year_groups": ["9", "10"],
        "csrfmiddlewaretoken": "stale-token",
        "logo": SimpleUploadedFile("logo.png", b"\x89PNG...", content_type="image/png"),
    }
    request = RequestFactory().post("/partners/organisation/?tab=logo", posted)

    response = unavailable_response(request)

    page = response.content.decode()
    assert response.status_code == 503
    assert '<form method="post" action="/partners/organisation/?tab=logo" novalidate>' in page
    assert '<input type="hidden" name="login" value="pat@example.org">' in page
    assert page.count('name="year_groups"') == 2 and 'value="10"' in page
    assert "correct horse" not in page and "another secret" not in page and 'name="password' not in page
    assert 'name="logo"' not in page and "stale-token" not in page
    assert page.count('name="csrfmiddlewaretoken"') == 1
    assert "passwords and files are not kept" in page


def test_a_get_offers_the_same_address_again_without_a_form():
    response = unavailable_response(RequestFactory().get("/directory/?q=housing"))

    page = response.content.decode()
    assert response.status_code == 503
    assert '<a href="/directory/?q=housing" role="button"' in page
    assert "<form" not in page


def test_handler500_answers_503_only_for_the_database():
    request = RequestFactory().get("/")
    try:
        raise OperationalError("database is locked")
    except OperationalError:
        assert server_error(request).status_code == 503
    try:
        raise ValueError("a bug")
    except ValueError:
        assert server_error(request).status_code == 500


def test_handler400_answers_503_for_a_session_the_locked_database_could_not_save():
    request = RequestFactory().post("/report/what/", {"category": "nuisance"})
    try:
        try:
            raise OperationalError("database is locked")
        except OperationalError as error:
            raise SessionInterrupted("The request's session was deleted before the request completed.") from error
    except SessionInterrupted as interrupted:
        response = bad_request(request, interrupted)

    assert response.status_code == 503
    assert '<input type="hidden" name="category" value="nuisance">' in response.content.decode()
    assert bad_request(request, SuspiciousOperation("forged")).status_code == 400


@pytest.mark.django_db
def test_signing_in_while_the_database_is_locked_never_shows_the_password_again(client, home_page):
    locked = OperationalError("database is locked")
    with mock.patch.object(InvitationOnlyAccountAdapter, "authenticate", side_effect=locked):
        response = client.post("/accounts/login/", {"login": "pat@example.org", "password": "hunter2-hunter2"})

    page = response.content.decode()
    assert response.status_code == 503
    assert '<input type="hidden" name="login" value="pat@example.org">' in page
    assert "hunter2" not in page
