"""Two members chat live in two Chromium pages (daphne, in-memory channel layer), then reload the history."""

import uuid

from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, login


def test_two_members_chat_live_see_typing_and_find_the_history_after_reload(page, browser, live_site):
    other = browser.new_context(base_url=live_site.url, locale="fr-FR", bypass_csp=True).new_page()
    other.set_default_timeout(10_000)
    login(page, "gerant-beaulon")
    login(other, "gerant-culhat")
    for tab in (page, other):
        tab.goto("/discussion/")
        expect(tab.locator("[data-chat]")).to_have_attribute("data-state", "connecte")
    assert axe_violations(page) == []

    text = f"Qui vient au marché de producteurs de samedi ? ({uuid.uuid4().hex[:6]})"
    field = page.get_by_role("textbox", name="Votre message")
    field.press_sequentially("Qui vient", delay=20)
    expect(other.locator("[data-chat-typing]")).to_contain_text("Gérance café de Beaulon écrit…")
    field.fill(text)
    page.get_by_role("button", name="Envoyer").click()

    expect(other.get_by_role("log")).to_contain_text(text)
    expect(page.get_by_role("log")).to_contain_text(text)
    expect(page.locator(".chat-message--pending")).to_have_count(0)
    expect(field).to_have_value("")

    other.reload()
    expect(other.get_by_role("log")).to_contain_text(text)
    other.context.close()
