"""Settings from the environment: a wrong value is one clear line, production passes check --deploy."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

ENV_VARS = (
    "DATABASE_URL",
    "REDIS_URL",
    "ELASTICSEARCH_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def manage(*args: str, settings_module: str = "config.settings.dev", **env: str):
    clean = {k: v for k, v in os.environ.items() if k not in ENV_VARS}
    clean.update(DJANGO_SETTINGS_MODULE=settings_module, **env)
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_one_clear_line(result, variable: str):
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert variable in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DATABASE_URL", "mysql://root@127.0.0.1/reseau"),
        ("DATABASE_URL", "postgres://postgres@127.0.0.1:5432"),
        ("DATABASE_URL", "postgres://postgres@127.0.0.1:port/reseau"),
        ("REDIS_URL", "http://127.0.0.1:6379"),
        ("REDIS_URL", "redis://127.0.0.1:notaport/0"),
        ("DEBUG", "peut-être"),
    ],
)
def test_malformed_variable_gives_one_line_naming_it(variable, value):
    assert_one_clear_line(manage("check", **{variable: value}), variable)


def test_unreachable_database_gives_one_line(tmp_path):
    result = manage("check_services", DATABASE_URL="postgres://postgres@127.0.0.1:1/reseau")
    assert_one_clear_line(result, "DATABASE_URL")
    assert "injoignable" in result.stderr


def test_unreachable_redis_gives_one_line(tmp_path):
    result = manage(
        "check_services", REDIS_URL="redis://127.0.0.1:1/0", DATABASE_URL=f"sqlite:///{tmp_path}/x.db"
    )
    assert_one_clear_line(result, "REDIS_URL")


def production_env(**overrides: str) -> dict:
    env = {
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "1000cafes.example",
        "DATABASE_URL": "postgres://reseau@127.0.0.1:5432/reseau",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    env.update(overrides)
    return {k: v for k, v in env.items() if v}


def test_production_settings_pass_check_deploy_with_zero_warnings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        settings_module="config.settings.production",
        **production_env(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"])
def test_production_refuses_to_start_without_its_secrets_and_services(missing):
    result = manage("check", settings_module="config.settings.production", **production_env(**{missing: ""}))
    assert_one_clear_line(result, missing)


def test_production_refuses_sqlite():
    result = manage(
        "check",
        settings_module="config.settings.production",
        **production_env(DATABASE_URL="sqlite:///tmp/reseau.db"),
    )
    assert_one_clear_line(result, "DATABASE_URL")


def test_embedded_defaults_without_any_variable():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'],"
        " s.CHANNEL_LAYERS['default']['BACKEND'], s.CACHES['default']['BACKEND'],"
        " s.WAGTAILSEARCH_BACKENDS['default']['BACKEND'], s.LANGUAGE_CODE)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-5:] == [
        "django.db.backends.sqlite3",
        "channels.layers.InMemoryChannelLayer",
        "django.core.cache.backends.locmem.LocMemCache",
        "wagtail.search.backends.database",
        "fr",
    ]


def test_variables_switch_on_the_real_services():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'],"
        " s.CHANNEL_LAYERS['default']['BACKEND'], s.CACHES['default']['BACKEND'],"
        " s.WAGTAILSEARCH_BACKENDS['default']['BACKEND'])",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/reseau",
        REDIS_URL="redis://127.0.0.1:6379/0",
        ELASTICSEARCH_URL="http://127.0.0.1:9200",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-4:] == [
        "django.db.backends.postgresql",
        "reseau.channel_layer.PubSubChannelLayer",
        "reseau.cache.SharedPoolRedisCache",
        "wagtail.search.backends.elasticsearch8",
    ]


def test_static_urls_are_djangos_and_worked_out_once_per_process():
    from django.contrib.staticfiles.storage import StaticFilesStorage

    from reseau.static_files import StaticFiles

    remembered, plain = StaticFiles(), StaticFilesStorage()
    for name in ("css/site.css", "search/js/suggestions.js", "vendor/leaflet/leaflet café.css"):
        assert remembered.url(name) == plain.url(name)
        assert remembered.url(name) == plain.url(name)
    assert remembered.url.cache_info().hits == 3


@pytest.mark.django_db
def test_postgresql_prepares_the_queries_a_connection_repeats():
    """Server-side binding (config/env.py): psycopg prepares a query run a fifth time on a connection, so that
    PostgreSQL plans the hot pages' queries once per connection, not on every request."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (pass 2)")
    options = connection.settings_dict["OPTIONS"]
    assert options["server_side_binding"] is True and options["prepare_threshold"] == 5
    sql = "SELECT count(*) FROM django_content_type WHERE app_label = %s"
    with connection.cursor() as cursor:
        for _ in range(6):
            cursor.execute(sql, ["recettes"])
            assert cursor.fetchone()[0] > 0
        prepared = "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s"
        cursor.execute(prepared, ["SELECT count(*) FROM django_content_type%"])
        assert cursor.fetchone()[0] == 1


def test_env_example_lists_every_variable_the_settings_read():
    import re

    names = {
        name
        for path in (settings.BASE_DIR / "config" / "settings").glob("*.py")
        for name in re.findall(r'env\.\w+\("([A-Z0-9_]+)"', path.read_text())
    }
    assert {"SECRET_KEY", "SEARCH_CACHE_SECONDS", "MAP_TILE_URL"} <= names
    listed = set(re.findall(r"^# ([A-Z0-9_]+)=", (settings.BASE_DIR / ".env.example").read_text(), re.M))
    assert names - listed == set()
