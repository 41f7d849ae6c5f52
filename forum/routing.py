"""Websocket routes, all under /ws/ (served by the ASGI process)."""

websocket_urlpatterns: list = []
