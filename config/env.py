"""Reading the environment: each optional service is switched on by one variable.

A wrong value stops start-up with one line that names the variable (see manage.py), never a traceback.
"""

import os
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on", "oui"}
FALSE_VALUES = {"0", "false", "no", "off", "non", ""}


class ConfigError(ImproperlyConfigured):
    """A setting read from the environment is missing or malformed."""


def get(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    value = value.strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ConfigError(f"{name} : valeur « {value} » incomprise (attendu : 1/0, true/false, oui/non).")


def integer(name: str, default: int) -> int:
    value = get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ConfigError(f"{name} : « {value} » n'est pas un nombre entier.") from None


def listing(name: str, default: list[str]) -> list[str]:
    value = get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def required(name: str) -> str:
    value = get(name)
    if not value:
        raise ConfigError(f"{name} : variable d'environnement obligatoire en production, absente.")
    return value


def database(default_sqlite_path: str) -> dict:
    """The database from DATABASE_URL (PostgreSQL or SQLite), else the embedded SQLite file."""
    url = get("DATABASE_URL")
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": default_sqlite_path,
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"},
        }
    scheme = urlsplit(url).scheme
    if scheme not in {"postgres", "postgresql", "pgsql", "sqlite"}:
        raise ConfigError(
            f"DATABASE_URL : schéma « {scheme or '(aucun)'} » non pris en charge "
            "(attendu postgres://utilisateur@hôte:port/base ou sqlite:///chemin)."
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ConfigError(f"DATABASE_URL : adresse illisible ({error}).") from None
    if scheme != "sqlite" and not config.get("NAME"):
        raise ConfigError("DATABASE_URL : le nom de la base manque (…/nom_de_la_base).")
    if scheme != "sqlite":
        # A database that does not answer fails a request in seconds (then the 503 page), never hangs it.
        config.setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
        # Parameters bound by the server, and a query a connection runs a fifth time prepared (Django turns
        # psycopg's preparing off by default): planning a recipe's facts, a UNION of seven joins, took three
        # times longer than running it.
        config["OPTIONS"].setdefault("server_side_binding", True)
        config["OPTIONS"].setdefault("prepare_threshold", 5)
    return config


def redis_url() -> str:
    """REDIS_URL, checked for shape; empty when the embedded defaults are used."""
    url = get("REDIS_URL")
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in {"redis", "rediss", "unix"}:
        raise ConfigError(
            f"REDIS_URL : schéma « {parts.scheme or '(aucun)'} » non pris en charge "
            "(attendu redis://hôte:port/numéro)."
        )
    try:
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        raise ConfigError(f"REDIS_URL : port illisible dans « {url} ».") from None
    if parts.scheme != "unix" and not parts.hostname:
        raise ConfigError(f"REDIS_URL : l'hôte manque dans « {url} ».")
    return url


def origin(name: str, url: str) -> str:
    """The scheme://host[:port] of a URL read from variable `name`, for the Content-Security-Policy."""
    parts = urlsplit(url.replace("{", "").replace("}", ""))
    if not parts.scheme or not parts.netloc:
        raise ConfigError(f"{name} : adresse « {url} » incomplète (attendu scheme://hôte/…).")
    return f"{parts.scheme}://{parts.netloc}"
