"""The forum as two managers and a moderator live it: a reply with a quote and a mention, then a report."""

import re

from tests.browser.conftest import axe_violations, login

THREAD_TITLE = "Frigo vitrine : qui a un bon réparateur en Allier ?"


def test_reply_with_quote_and_mention_notifies_and_a_reported_post_is_hidden(browser, live_site):
    contexts = [
        browser.new_context(base_url=live_site.url, locale="fr-FR", bypass_csp=True) for _ in range(3)
    ]
    alice, bob, moderator = (context.new_page() for context in contexts)
    for page in (alice, bob, moderator):
        page.set_default_timeout(10_000)
    try:
        # Member A opens a thread.
        login(alice, "gerant-beaulon")
        alice.goto("/forum/")
        assert axe_violations(alice) == []
        alice.get_by_role("link", name="Difficultés & entraide").click()
        alice.get_by_role("link", name="Nouveau sujet").click()
        alice.get_by_label("Titre du sujet").fill(THREAD_TITLE)
        alice.get_by_label("Votre message").fill(
            "Notre frigo vitrine fait un bruit de moteur d'avion. Des adresses ?"
        )
        alice.get_by_role("button", name="Publier le sujet").click()
        assert alice.get_by_role("heading", level=1).inner_text() == THREAD_TITLE
        thread_url = alice.url

        # Member B sees it, quotes A and mentions A with the autocomplete.
        login(bob, "gerant-culhat")
        bob.goto(thread_url)
        bob.get_by_role("link", name="Citer le message de gerant-beaulon").click()
        body = bob.get_by_label("Votre message")
        assert "a écrit" in body.input_value()
        body.press("End")
        body.press("Control+End")
        body.type("Le frigoriste de Moulins est très bien, demande-lui de ma part @gerant-b")
        suggestion = bob.get_by_role("option", name=re.compile("@gerant-beaulon"))
        suggestion.click()
        assert body.input_value().endswith("@gerant-beaulon ")
        bob.get_by_role("button", name="Publier la réponse").click()
        assert bob.locator(".post").last.locator(".mention").last.inner_text() == "@gerant-beaulon"

        # A sees the unread marker and the notification.
        alice.goto("/forum/difficultes-entraide/")
        row = alice.locator(".thread-row", has_text=THREAD_TITLE)
        assert row.get_by_text("Nouveau").is_visible()
        badge = alice.locator("[data-notification-count]")
        assert int(badge.inner_text()) >= 1
        alice.get_by_role("link", name=re.compile("Notifications")).click()
        assert axe_violations(alice) == []
        alice.get_by_role(
            "link", name=f"gerant-culhat vous a mentionné dans « {THREAD_TITLE} »"
        ).first.click()
        assert alice.url.startswith(thread_url)
        reply = alice.locator(".post", has_text="Le frigoriste de Moulins")
        assert reply.get_by_text("Non lu").is_visible()
        assert axe_violations(alice) == []

        # A reports B's reply; the moderator hides it from the queue.
        reply.get_by_role("link", name="Signaler le message de gerant-culhat").click()
        alice.get_by_label("Pourquoi signalez-vous ce message ?").fill(
            "Publicité pour un artisan, est-ce permis ?"
        )
        alice.get_by_role("button", name="Envoyer le signalement").click()
        assert alice.get_by_text("la modération va examiner ce message").is_visible()

        login(moderator, "moderation")
        moderator.goto("/forum/moderation/")
        assert axe_violations(moderator) == []
        entry = moderator.locator(".moderation-entry", has_text="Le frigoriste de Moulins")
        entry.get_by_label("Motif").fill("Publicité")
        entry.get_by_role("button", name="Masquer le message").click()
        assert moderator.get_by_text("Message masqué.").is_visible()

        bob.goto(thread_url)
        assert bob.get_by_text("Message masqué par la modération.").is_visible()
        assert bob.get_by_text("Le frigoriste de Moulins").count() == 0
        moderator.goto("/forum/moderation/journal/")
        assert moderator.get_by_role("cell", name="a masqué un message").first.is_visible()
    finally:
        for context in contexts:
            context.close()
