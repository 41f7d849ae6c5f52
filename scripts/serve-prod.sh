#!/usr/bin/env bash
# The production process layout, locally: gunicorn (WSGI, HTTP) on :8000 and uvicorn (ASGI, /ws/) on :8001,
# on PostgreSQL and Redis. Every variable can be overridden; the defaults suit this machine's services.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
[ -f var/secret_key ] || .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(64))' > var/secret_key
export DJANGO_SETTINGS_MODULE=config.settings.production
export SECRET_KEY=${SECRET_KEY:-$(cat var/secret_key)}
export DATABASE_URL=${DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/reseau}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/1}
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost}
export CSRF_TRUSTED_ORIGINS=${CSRF_TRUSTED_ORIGINS:-http://127.0.0.1:8000,http://localhost:8000}
# Plain HTTP on this machine only: a real deployment sits behind TLS and keeps the redirect.
export SECURE_SSL_REDIRECT=${SECURE_SSL_REDIRECT:-0}
export SERVE_MEDIA=${SERVE_MEDIA:-1}
export WEBSOCKET_URL=${WEBSOCKET_URL:-ws://127.0.0.1:8001}
HTTP_WORKERS=${HTTP_WORKERS:-3}

.venv/bin/python - <<'PYEOF'
import os
import psycopg
from urllib.parse import urlsplit
url = urlsplit(os.environ["DATABASE_URL"])
name = url.path.lstrip("/")
with psycopg.connect(url._replace(path="/postgres").geturl(), autocommit=True) as conn:
    if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
        conn.execute(f'CREATE DATABASE "{name}"')
PYEOF
.venv/bin/python manage.py check_services
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py collectstatic --noinput -v 0
.venv/bin/python manage.py load_demo

trap 'kill 0' EXIT INT TERM
.venv/bin/gunicorn config.wsgi:application --bind 127.0.0.1:8000 --workers "$HTTP_WORKERS" --access-logfile - &
.venv/bin/uvicorn config.asgi:application --host 127.0.0.1 --port 8001 --ws-max-size 65536 &
echo "HTTP : http://127.0.0.1:8000/  ·  websockets : $WEBSOCKET_URL/ws/"
wait
