"""Production refuses to run with staff two-factor switched off or a weak MFA encryption key."""

import secrets

from tests.portal.test_settings import load_settings, production_env

STRONG = secrets.token_urlsafe(64)


def test_production_refuses_staff_without_two_factor():
    result = load_settings("portal.settings.production", SECRET_KEY=STRONG, STAFF_REQUIRE_2FA="false")
    assert result.returncode != 0
    assert "STAFF_REQUIRE_2FA" in result.stderr


def test_production_refuses_a_short_mfa_key():
    result = load_settings("portal.settings.production", SECRET_KEY=STRONG, MFA_ENCRYPTION_KEY="short")
    assert result.returncode != 0
    assert "MFA_ENCRYPTION_KEY" in result.stderr


def test_production_accepts_rotated_strong_keys():
    keys = f"{secrets.token_urlsafe(40)},{secrets.token_urlsafe(40)}"
    result = load_settings("portal.settings.production", **production_env(SECRET_KEY=STRONG, MFA_ENCRYPTION_KEY=keys))
    assert result.returncode == 0, result.stderr
