"""When the database is out of reach, a person gets a French page saying so (503, retry later), not a crash;
a database error that is a bug stays a plain 500. The outage under load: benchmarks/faults_postgres.py."""

import pytest
from django.db import IntegrityError, transaction

from reseau.views import server_error
from tests.reseau.test_settings import manage


def test_a_database_out_of_reach_gives_the_french_503_page():
    script = (
        "from django.test import Client;"
        "r = Client(raise_request_exception=False).get('/forum/', HTTP_HOST='127.0.0.1');"
        "print('STATUT', r.status_code, r.get('Retry-After')); print(r.content.decode())"
    )
    # Nothing listens on port 1: every connection is refused, as when PostgreSQL is down.
    result = manage("shell", "-c", script, DATABASE_URL="postgres://postgres@127.0.0.1:1/reseau", DEBUG="0")
    status, _, page = result.stdout.partition("STATUT ")[2].partition("\n")
    assert status == "503 30", result.stdout + result.stderr
    assert "Le site est momentanément indisponible" in page
    assert "il n'a pas été enregistré" in page


@pytest.mark.django_db
def test_a_database_error_that_is_a_bug_stays_a_500(rf, make_user):
    make_user("gerant-beaulon")
    try:
        with transaction.atomic():
            make_user("gerant-beaulon")  # a unique username: the database refuses the second one
    except IntegrityError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Le site rencontre un problème" in response.content.decode()
