import pytest

pytestmark = pytest.mark.django_db


def test_public_pages_forbid_framing_and_inline_script(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]


def test_admin_gets_the_relaxed_policy_and_same_origin_framing_for_previews(client, home_page, staff):
    client.force_login(staff("Hub editors"))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" in policy
    assert "frame-ancestors 'self'" in policy


def test_forms_carry_csrf_protection(client, home_page, django_user_model):
    client.handler.enforce_csrf_checks = True
    response = client.post("/accounts/login/", {"login": "x@example.org", "password": "y"})
    assert response.status_code == 403


@pytest.mark.parametrize("path", ["/admin/", "/admin/account/"])
def test_the_admin_sends_no_email_hash_to_gravatar(client, home_page, staff, path):
    """Wagtail's default avatar is each staff member's email hash at gravatar.com, a third party."""
    client.force_login(staff("Hub editors"))
    response = client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assert "gravatar" not in page.lower()
    assert 'src="http' not in page and 'src="//' not in page, "the admin loads nothing from another site"
