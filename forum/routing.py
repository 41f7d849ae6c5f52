"""Websocket routes, all under /ws/ (served by the ASGI process)."""

from django.urls import path

from forum.consumers import ChatConsumer

websocket_urlpatterns: list = [
    path("ws/discussion/", ChatConsumer.as_asgi()),
]
