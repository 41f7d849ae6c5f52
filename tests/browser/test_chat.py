"""Two members chat live in two Chromium pages (daphne, in-memory channel layer), then reload the history."""

import json
import re
import uuid

from playwright.sync_api import expect

from forum.consumers import LAYER_DOWN_MESSAGE
from tests.browser.conftest import axe_violations, login


class Relay:
    """A tab's chat socket through Playwright: frames pass both ways, the tab's own can be held back, and the
    test can add the frames the server sends when its channel layer (Redis) goes away and comes back."""

    def __init__(self):
        self.tab = self.server = None
        self.held: list | None = None

    def __call__(self, tab_side) -> None:
        self.tab, self.server = tab_side, tab_side.connect_to_server()
        tab_side.on_message(self.to_server)

    def to_server(self, frame) -> None:
        if self.held is None:
            self.server.send(frame)
        else:
            self.held.append(frame)

    def release(self) -> None:
        held, self.held = self.held or [], None
        for frame in held:
            self.server.send(frame)


def test_two_members_chat_live_see_typing_and_find_the_history_after_reload(page, browser, live_site):
    other = browser.new_context(base_url=live_site.url, locale="fr-FR", bypass_csp=True).new_page()
    other.set_default_timeout(10_000)
    relay = Relay()
    page.route_web_socket(re.compile(r"/ws/discussion/"), relay)
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

    # The live feed breaks (Redis away) while a message is on its way, then comes back: the notice shows, says
    # the message is being sent once resubscribed, and clears by itself when the server has it.
    status = page.locator("[data-chat-status]")
    relay.held = []
    late = f"Je passe le pain demain matin ({uuid.uuid4().hex[:6]})"
    field.fill(late)
    page.get_by_role("button", name="Envoyer").click()
    expect(page.locator(".chat-message--pending")).to_have_count(1)
    relay.tab.send(json.dumps({"type": "error", "code": "direct_interrompu", "message": LAYER_DOWN_MESSAGE}))
    expect(status).to_contain_text("reconnexion en cours")
    room = page.locator("[data-chat]").get_attribute("data-room")
    relay.tab.send(json.dumps({"type": "subscribed", "room": room, "name": "Réseau"}))
    relay.tab.send(json.dumps({"type": "resync"}))
    expect(status).to_have_text("Reconnecté : envoi des messages en attente…")
    relay.release()
    expect(page.locator(".chat-message--pending")).to_have_count(0)
    expect(status).to_have_text("")
    expect(other.get_by_role("log")).to_contain_text(late)
    other.context.close()
