#!/usr/bin/env bash
# `make test`: checks, then the suite twice: on the embedded defaults, and on this machine's PostgreSQL and
# Redis when both answer (REQUIRE_SERVICES=1, as in .ci/run, turns a missing service into a failure).
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PG_URL_BASE=${TEST_POSTGRES_URL:-postgres://postgres:postgres@127.0.0.1:5432}
TEST_REDIS_URL=${TEST_REDIS_URL:-redis://127.0.0.1:6379/0}
status=0
ran=()
mkdir -p var

echo "== Vérifications : ruff, bandit (gravité moyenne et plus), dépendances (pip check, pip-audit), migrations"
$PY -m ruff check . || status=1
$PY -m bandit -q -r config reseau recettes evenements producteurs forum ressources consultations search -ll || status=1
$PY -m pip check --disable-pip-version-check >/dev/null || { echo "pip check : dépendances incohérentes"; status=1; }
# Known vulnerabilities: run wherever pip-audit and its advisory data are reachable; REQUIRE_AUDIT=1 makes
# "not runnable" a failure (see README, « Audit des dépendances »).
bash scripts/audit.sh
case $? in
  0) ran+=("pip-audit : aucune vulnérabilité connue non justifiée") ;;
  1) status=1; ran+=("pip-audit : EN ÉCHEC (vulnérabilité ou paquet non vérifié)") ;;
  *) ran+=("pip-audit : NON LANCÉ, outil ou avis de sécurité injoignables")
     [ "${REQUIRE_AUDIT:-0}" = 1 ] && status=1 ;;
esac
$PY -m ruff format --check . >/dev/null || { echo "ruff format : des fichiers ne sont pas formatés"; status=1; }
env -u DATABASE_URL -u REDIS_URL -u ELASTICSEARCH_URL DJANGO_SETTINGS_MODULE=config.settings.test \
  $PY manage.py makemigrations --check --dry-run >/dev/null || { echo "Migrations manquantes"; status=1; }

services_up() {
  $PY - "$PG_URL_BASE" "$TEST_REDIS_URL" <<'PYEOF'
import sys
import psycopg
import redis
try:
    psycopg.connect(sys.argv[1] + "/postgres", connect_timeout=3).close()
    redis.Redis.from_url(sys.argv[2], socket_connect_timeout=3).ping()
except Exception as error:
    print(f"   ({error.__class__.__name__}: {str(error).splitlines()[0] if str(error) else ''})")
    sys.exit(1)
PYEOF
}

# The two passes run side by side (one per core); pass 2's output is kept in a file and shown after pass 1's.
# Each lists its ten slowest tests, so that a test making the suite slow shows in CI's log.
pass2_log=var/test-pass2.log
pass2_pid=
if services_up; then
  db="reseau_$(date +%s)_$$"
  echo "== Passe 2/2 lancée en parallèle : PostgreSQL (base jetable test_$db) et Redis ($TEST_REDIS_URL)"
  DATABASE_URL="$PG_URL_BASE/$db" REDIS_URL="$TEST_REDIS_URL" CACHE_KEY_PREFIX="test-$db" \
    CHANNEL_LAYER_PREFIX="test-$db" $PY -m pytest -m "not browser" --create-db --durations=10 --basetemp=var/pytest-pass2 "$@" \
    >"$pass2_log" 2>&1 &
  pass2_pid=$!
  trap 'kill "$pass2_pid" 2>/dev/null' EXIT
else
  ran+=("passe 2 (PostgreSQL + Redis) : NON LANCÉE, PostgreSQL ou Redis ne répond pas")
  [ "${REQUIRE_SERVICES:-0}" = 1 ] && status=1
fi

echo "== Passe 1/2 : défauts embarqués (SQLite, couche de canaux en mémoire, recherche en base)"
if env -u DATABASE_URL -u REDIS_URL -u ELASTICSEARCH_URL $PY -m pytest --durations=10 --basetemp=var/pytest-pass1 "$@"; then
  ran+=("passe 1 (défauts embarqués) : verte")
else
  status=1; ran+=("passe 1 (défauts embarqués) : EN ÉCHEC")
fi

if [ -n "$pass2_pid" ]; then
  wait "$pass2_pid"; pass2_status=$?
  echo "== Passe 2/2 : PostgreSQL et Redis (sortie de $pass2_log)"
  cat "$pass2_log"
  if [ "$pass2_status" = 0 ]; then
    ran+=("passe 2 (PostgreSQL + Redis) : verte")
  else
    status=1; ran+=("passe 2 (PostgreSQL + Redis) : EN ÉCHEC")
  fi
fi

echo "== Bilan"
printf '   %s\n' "${ran[@]}"
exit $status
