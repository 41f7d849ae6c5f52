"""The site's header (reseau_tags.site_header, written by Python): menu, search box and account links, with
everything that comes from the request or the database escaped."""

import re

from django.test import Client


def header(html: str) -> str:
    return re.search(r'<header class="site-header">.*?</header>', html, re.S).group(0)


def test_a_visitor_sees_the_menu_the_current_section_and_a_way_back_after_logging_in(cafe_index):
    html = header(Client().get("/cafes/", {"q": '"><script>alert(1)</script>'}).content.decode())
    assert '<li><a href="/cafes/" aria-current="page">Les cafés</a></li>' in html
    assert '<li><a href="/forum/">Forum</a></li>' in html
    assert "Ressources" not in html and "Discussion" not in html and "Se déconnecter" not in html
    back = "/cafes/%3Fq%3D%2522%253E%253Cscript%253Ealert%25281%2529%253C%252Fscript%253E"
    assert f'<a href="/compte/connexion/?next={back}">Se connecter</a>' in html
    assert "<script>alert" not in html


def test_the_search_box_keeps_what_was_searched_escaped(cafe_index):
    html = header(Client().get("/recherche/", {"q": 'tarte "aux" <pommes>'}).content.decode())
    assert 'name="q" value="tarte &quot;aux&quot; &lt;pommes&gt;"' in html


def test_a_member_sees_resources_chat_notifications_and_a_logout_form(member_client, cafe_index):
    html = header(member_client.get("/reseau/").content.decode())
    assert '<li><a href="/reseau/" aria-current="page">Ressources</a></li>' in html
    assert '<li><a href="/cafes/">Les cafés</a></li>' in html
    assert '<a href="/discussion/">Discussion</a>' in html  # nothing unread: no badge
    assert '<span class="badge" data-notification-count>0</span>' in html
    assert re.search(
        r'<form method="post" action="/compte/deconnexion/" class="inline-form">'
        r'<input type="hidden" name="csrfmiddlewaretoken" value="\w+">',
        html,
    )
    assert "Se connecter" not in html
