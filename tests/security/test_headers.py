"""Security headers on every page type, and the production settings behind HSTS and the cookies.

One table of URLs, one page of each type the site serves (HTML pages, a form, the admin's login, a 404, JSON,
an iCal feed, a served document): each must carry the policy a browser enforces.
"""

import json

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from wagtail.documents.models import Document
from wagtail.models import Collection

from forum import services as forum_services
from reseau.access import PUBLIC_DOCUMENTS_COLLECTION, Visibility
from tests.reseau.test_settings import manage, production_env

PASSWORD = "motdepasse-solide-42"
COMMON = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def directives(csp: str) -> dict[str, list[str]]:
    """'default-src 'self'; script-src …' → {"default-src": ["'self'"], …}."""
    parsed = {}
    for part in csp.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def inline_scripts_without_nonce(response, policy: dict[str, list[str]]) -> list[str]:
    """The opening tags of inline <script>s that lack this response's nonce (the CSP would block them); data
    blocks (JSON, JSON-LD) are not run by browsers and need none."""
    nonce = next((value for value in policy["script-src"] if value.startswith("'nonce-")), "")
    attribute = 'nonce="{}"'.format(nonce.strip("'").removeprefix("nonce-")) if nonce else None
    openings = [chunk.split(">", 1)[0] for chunk in response.content.decode().split("<script")[1:]]
    return [
        tag
        for tag in openings
        if "src=" not in tag and "json" not in tag and not (attribute and attribute in tag)
    ]


@pytest.fixture
def page_urls(
    cafe, make_story, make_recipe, make_format, make_producer, old_member, public_category
) -> dict[str, str]:
    thread = forum_services.create_thread(
        old_member, public_category, "Un four à pain partagé", "Qui l'a fait ?"
    )
    document = Document.objects.create(
        title="Charte du réseau",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="charte.pdf"),
        collection=Collection.objects.get(name=PUBLIC_DOCUMENTS_COLLECTION),
    )
    return {
        "accueil": "/",
        "liste des cafés": "/cafes/",
        "café": cafe.url,
        "récit": make_story(cafe).url,
        "recette": make_recipe(visibility=Visibility.PUBLIC).url,
        "format d'évènement": make_format().url,
        "producteur": make_producer("Ferme des Guinards").url,
        "fil du forum": thread.get_absolute_url(),
        "recherche": "/recherche/?q=pain",
        "connexion": "/compte/connexion/",
        "page inconnue (404)": "/page-inconnue/",
        "JSON (suggestions)": "/recherche/suggestions/?q=pa",
        "flux iCal": "/evenements/agenda/reseau.ics",
        "document": document.url,
    }


def test_every_page_type_sends_the_security_headers(client, page_urls):
    statuses = {}
    for kind, url in page_urls.items():
        response = client.get(url)
        statuses[kind] = response.status_code
        for header, value in COMMON.items():
            if kind == "document" and header in ("Cross-Origin-Opener-Policy", "Referrer-Policy"):
                continue
            assert response.get(header) == value, (kind, header, response.get(header))
        assert "camera=()" in response["Permissions-Policy"], kind
        policy = directives(response["Content-Security-Policy"])
        if kind == "document":
            # Wagtail serves documents as inert files: nothing in them may run or load.
            assert policy == {"default-src": ["'none'"]}, kind
            continue
        assert policy["default-src"] == ["'self'"], kind
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"], kind
        assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"], kind
        assert inline_scripts_without_nonce(response, policy) == [], kind
    assert statuses == {kind: 404 if "404" in kind else 200 for kind in page_urls}


def test_admin_login_gets_the_admins_own_policy_with_the_same_headers(client, home):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    for header, value in COMMON.items():
        assert response.get(header) == value, header
    policy = directives(response["Content-Security-Policy"])
    # Wagtail's admin needs inline scripts; it still loads nothing from elsewhere, nor is framed by others.
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]


@pytest.fixture(scope="module")
def production_settings() -> dict:
    """The security settings of config.settings.production, read in a process started with them, and the
    headers a response gets there over HTTPS (behind the front server, X-Forwarded-Proto: https)."""
    script = (
        "import json; from django.conf import settings as s; from django.test import Client;"
        "r = Client().get('/carte/departements.geojson', HTTP_HOST='1000cafes.example',"
        " HTTP_X_FORWARDED_PROTO='https');"
        "print(json.dumps({'status': r.status_code, 'hsts': r.get('Strict-Transport-Security'),"
        " 'csp': r.get('Content-Security-Policy'), **{name: getattr(s, name) for name in ("
        "'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_SAMESITE', 'CSRF_COOKIE_SECURE',"
        " 'SECURE_SSL_REDIRECT', 'X_FRAME_OPTIONS', 'SECURE_REFERRER_POLICY')}}))"
    )
    result = manage("shell", "-c", script, settings_module="config.settings.production", **production_env())
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_sends_hsts_for_a_year_with_subdomains(production_settings):
    assert production_settings["status"] == 200
    assert production_settings["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert "default-src 'self'" in production_settings["csp"]
    assert production_settings["SECURE_SSL_REDIRECT"] is True


COOKIE_SETTINGS = (
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
)


def test_production_session_cookie_is_secure_httponly_and_samesite(client, member, production_settings):
    values = {name: production_settings[name] for name in COOKIE_SETTINGS}
    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SECURE": True,
    }
    # With those values, a real login sets a cookie a script cannot read and that never leaves over HTTP.
    with override_settings(**values):
        client.get("/compte/connexion/", secure=True)
        response = client.post(
            "/compte/connexion/", {"username": "gerant-beaulon", "password": PASSWORD}, secure=True
        )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] is True and session["httponly"] is True and session["samesite"] == "Lax"
    assert client.cookies["csrftoken"]["secure"] is True
