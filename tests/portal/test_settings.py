"""Settings come from the environment; production refuses to run unsafely."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.checks import check_production_promises
from portal.env import env_bool, env_int, env_list, env_str

PROJECT = Path(__file__).resolve().parents[2]
UNSET_FOR_SETTINGS_TESTS = (
    "SECRET_KEY",
    "DATABASE_URL",
    "ELASTICSEARCH_URL",
    "REDIS_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "WAGTAILADMIN_BASE_URL",
    "MFA_ENCRYPTION_KEY",
    "ACCOUNT_DEFAULT_HTTP_PROTOCOL",
)


def production_env(**changes):
    """Everything production needs to start; ``changes`` replace (or, as None, remove) variables."""
    environment = {
        "SECRET_KEY": secrets.token_urlsafe(64),
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "WAGTAILADMIN_BASE_URL": "https://hub.example.org",
        "MFA_ENCRYPTION_KEY": secrets.token_urlsafe(40),
    }
    environment.update(changes)
    return {key: value for key, value in environment.items() if value is not None}


def load_settings(module, **env):
    """Import a settings module in a fresh interpreter and print a few values."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key != "DJANGO_SETTINGS_MODULE" and not key.startswith(("SEARCH_", "ELASTICSEARCH_"))
    }
    for key in UNSET_FOR_SETTINGS_TESTS:
        environment.pop(key, None)
    environment.update(env)
    code = (
        f"import json, importlib; s = importlib.import_module({module!r}); "
        "print(json.dumps({'db': s.DATABASES['default']['ENGINE'], 'db_name': str(s.DATABASES['default']['NAME']), "
        "'db_options': s.DATABASES['default'].get('OPTIONS', {}), "
        "'search': s.WAGTAILSEARCH_BACKENDS['default']['BACKEND'], "
        "'search_urls': s.WAGTAILSEARCH_BACKENDS['default'].get('URLS'), 'search_backends': s.WAGTAILSEARCH_BACKENDS, "
        "'cache': s.CACHES['default']['BACKEND'], 'debug': s.DEBUG, 'email': s.OUTBOX_DELIVERY_BACKEND, "
        "'email_backend': s.EMAIL_BACKEND}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, env=environment, capture_output=True, text=True, timeout=60
    )


def parsed(result):
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_refuses_to_start_without_a_secret_key():
    result = load_settings("portal.settings.production")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    "weak", ["short", "changeme" * 10, "dev-only-insecure-key-never-used-in-production-xxxxx", "a" * 60]
)
def test_production_refuses_a_weak_secret_key(weak):
    result = load_settings("portal.settings.production", SECRET_KEY=weak)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_with_a_real_key_is_not_in_debug():
    values = parsed(load_settings("portal.settings.production", **production_env()))
    assert values["debug"] is False
    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["email_backend"] == "portal.outbox.OutboxEmailBackend", "every email goes through the outbox"
    assert values["cache"] == "django.core.cache.backends.redis.RedisCache"


@pytest.mark.parametrize(
    ("changes", "named", "why"),
    [
        ({"REDIS_URL": None}, "REDIS_URL", "each web process would count on its own"),
        ({"WAGTAILADMIN_BASE_URL": None}, "WAGTAILADMIN_BASE_URL", "is not set"),
        ({"WAGTAILADMIN_BASE_URL": "http://hub.example.org"}, "WAGTAILADMIN_BASE_URL", "not an https address"),
        ({"WAGTAILADMIN_BASE_URL": "https://127.0.0.1:8000"}, "WAGTAILADMIN_BASE_URL", "points at this machine"),
        ({"WAGTAILADMIN_BASE_URL": "https://localhost"}, "WAGTAILADMIN_BASE_URL", "points at this machine"),
        ({"WAGTAILADMIN_BASE_URL": "https://[::1]/"}, "WAGTAILADMIN_BASE_URL", "points at this machine"),
        ({"WAGTAILADMIN_BASE_URL": "hub.example.org"}, "WAGTAILADMIN_BASE_URL", "not an https address"),
        ({"ACCOUNT_DEFAULT_HTTP_PROTOCOL": "http"}, "ACCOUNT_DEFAULT_HTTP_PROTOCOL", "would not use https"),
        ({"MFA_ENCRYPTION_KEY": None}, "MFA_ENCRYPTION_KEY", "changing SECRET_KEY would stop"),
    ],
)
def test_production_refuses_to_start_without_what_its_promises_need(changes, named, why):
    result = load_settings("portal.settings.production", **production_env(**changes))

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert named in result.stderr and why in result.stderr


def test_embedded_default_is_sqlite_with_immediate_transactions_and_database_search():
    values = parsed(load_settings("portal.settings.dev"))
    assert values["db"] == "django.db.backends.sqlite3"
    assert values["db_options"]["transaction_mode"] == "IMMEDIATE"
    assert values["search"] == "portal.search.database"
    assert values["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["email"] == "django.core.mail.backends.console.EmailBackend"


def test_environment_selects_postgres_elasticsearch_and_redis():
    values = parsed(
        load_settings(
            "portal.settings.dev",
            DATABASE_URL="postgres://hub:pw@db.example.org:5432/hubportal",
            ELASTICSEARCH_URL="http://search.example.org:9200",
            REDIS_URL="redis://cache.example.org:6379/1",
        )
    )
    assert values["db"] == "django.db.backends.postgresql"
    assert values["db_name"] == "hubportal"
    assert "transaction_mode" not in values["db_options"]
    assert values["search"] == "portal.search.elasticsearch9"
    assert values["search_urls"] == ["http://search.example.org:9200"]
    assert values["cache"] == "django.core.cache.backends.redis.RedisCache"


def deploy_check(module, **env):
    environment = {key: value for key, value in os.environ.items() if key not in UNSET_FOR_SETTINGS_TESTS}
    environment.update(env, DJANGO_SETTINGS_MODULE=module)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_checks_pass_under_production_settings():
    result = deploy_check("portal.settings.production", **production_env())
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_deploy_check_says_why_a_per_process_cache_and_local_links_will_not_do():
    result = deploy_check("portal.settings.dev")

    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "portal.E001" in output and "LocMemCache" in output and "REDIS_URL" in output
    assert "portal.E002" in output and "WAGTAILADMIN_BASE_URL (http://127.0.0.1:8000) is not an https address" in output
    assert "portal.E003" in output and "portal.E004" in output


class TestDeployCheck:
    SOUND = {
        "CACHES": {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://x"}},
        "WAGTAILADMIN_BASE_URL": "https://hub.example.org",
        "ACCOUNT_DEFAULT_HTTP_PROTOCOL": "https",
        "MFA_ENCRYPTION_KEYS": ["k" * 40],
    }

    def ids(self, settings, **changes):
        for name, value in (self.SOUND | changes).items():
            setattr(settings, name, value)
        return [error.id for error in check_production_promises(None)]

    def test_a_sound_production_configuration_passes(self, settings):
        assert self.ids(settings) == []

    @pytest.mark.parametrize(
        "backend", ["locmem.LocMemCache", "dummy.DummyCache", "filebased.FileBasedCache", "db.DatabaseCache"]
    )
    def test_caches_the_web_processes_cannot_share_or_count_in_are_errors(self, settings, backend):
        caches = {"default": {"BACKEND": f"django.core.cache.backends.{backend}", "LOCATION": "somewhere"}}
        assert self.ids(settings, CACHES=caches) == ["portal.E001"]

    @pytest.mark.parametrize(
        "url", ["", "http://hub.example.org", "https://127.0.0.1", "https://0.0.0.0:8000", "https://app.localhost"]
    )
    def test_email_links_must_start_with_the_public_https_address(self, settings, url):
        assert self.ids(settings, WAGTAILADMIN_BASE_URL=url) == ["portal.E002"]

    def test_account_emails_must_use_https_and_mfa_needs_its_own_key(self, settings):
        assert self.ids(settings, ACCOUNT_DEFAULT_HTTP_PROTOCOL="http", MFA_ENCRYPTION_KEYS=[]) == [
            "portal.E003",
            "portal.E004",
        ]


class TestEnvHelpers:
    def test_strings_fall_back_and_can_be_required(self, monkeypatch):
        monkeypatch.delenv("HUB_TEST_VALUE", raising=False)
        assert env_str("HUB_TEST_VALUE", "fallback") == "fallback"
        with pytest.raises(ImproperlyConfigured, match="HUB_TEST_VALUE"):
            env_str("HUB_TEST_VALUE", required=True)

    @pytest.mark.parametrize(("raw", "expected"), [("true", True), ("1", True), ("off", False), ("", False)])
    def test_booleans(self, monkeypatch, raw, expected):
        monkeypatch.setenv("HUB_TEST_FLAG", raw)
        assert env_bool("HUB_TEST_FLAG") is expected

    def test_nonsense_boolean_is_an_error_not_a_guess(self, monkeypatch):
        monkeypatch.setenv("HUB_TEST_FLAG", "maybe")
        with pytest.raises(ImproperlyConfigured, match="HUB_TEST_FLAG"):
            env_bool("HUB_TEST_FLAG")

    def test_integers_and_lists(self, monkeypatch):
        monkeypatch.setenv("HUB_TEST_INT", "42")
        monkeypatch.setenv("HUB_TEST_LIST", "a.example.org, b.example.org,,")
        assert env_int("HUB_TEST_INT", 1) == 42
        assert env_list("HUB_TEST_LIST") == ["a.example.org", "b.example.org"]
        monkeypatch.setenv("HUB_TEST_INT", "forty")
        with pytest.raises(ImproperlyConfigured, match="HUB_TEST_INT"):
            env_int("HUB_TEST_INT", 1)


def test_env_example_lists_every_variable_the_settings_read():
    source = "".join(path.read_text() for path in (PROJECT / "portal" / "settings").glob("*.py"))
    read = set(re.findall(r"env_(?:str|bool|int|list)\(\s*\"([A-Z_]+)\"", source))
    listed = set(re.findall(r"^([A-Z_]+)=", (PROJECT / ".env.example").read_text(), re.MULTILINE))
    assert read - listed == set()
