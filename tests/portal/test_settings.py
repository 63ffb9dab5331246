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

from portal.env import env_bool, env_int, env_list, env_str

PROJECT = Path(__file__).resolve().parents[2]


def load_settings(module, **env):
    """Import a settings module in a fresh interpreter and print a few values."""
    environment = {key: value for key, value in os.environ.items() if key not in {"DJANGO_SETTINGS_MODULE"}}
    for key in ("SECRET_KEY", "DATABASE_URL", "ELASTICSEARCH_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        environment.pop(key, None)
    environment.update(env)
    code = (
        f"import json, importlib; s = importlib.import_module({module!r}); "
        "print(json.dumps({'db': s.DATABASES['default']['ENGINE'], 'db_name': str(s.DATABASES['default']['NAME']), "
        "'db_options': s.DATABASES['default'].get('OPTIONS', {}), "
        "'search': s.WAGTAILSEARCH_BACKENDS['default']['BACKEND'], "
        "'search_urls': s.WAGTAILSEARCH_BACKENDS['default'].get('URLS'), "
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
    values = parsed(load_settings("portal.settings.production", SECRET_KEY=secrets.token_urlsafe(64)))
    assert values["debug"] is False
    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["email_backend"] == "portal.outbox.OutboxEmailBackend", "every email goes through the outbox"


def test_embedded_default_is_sqlite_with_immediate_transactions_and_database_search():
    values = parsed(load_settings("portal.settings.dev"))
    assert values["db"] == "django.db.backends.sqlite3"
    assert values["db_options"]["transaction_mode"] == "IMMEDIATE"
    assert values["search"] == "wagtail.search.backends.database"
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
    assert values["search"] == "wagtail.search.backends.elasticsearch9"
    assert values["search_urls"] == ["http://search.example.org:9200"]
    assert values["cache"] == "django.core.cache.backends.redis.RedisCache"


def test_deploy_checks_pass_under_production_settings():
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.production"}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set in-process by the browser tests only
    environment["SECRET_KEY"] = secrets.token_urlsafe(64)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


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
