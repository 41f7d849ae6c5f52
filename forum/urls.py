"""URLs of forum that are not Wagtail pages."""

from django.urls import path

from forum import chat_views

app_name = "forum"
urlpatterns: list = []

# The chat (/discussion/); its websocket is routed in forum/routing.py.
urlpatterns += [
    path("discussion/", chat_views.discussion, name="discussion"),
    path("discussion/prive/", chat_views.direct, name="discussion-prive"),
    path("discussion/salons/nouveau/", chat_views.new_topic_room, name="discussion-nouveau-salon"),
    path("discussion/<slug:slug>/", chat_views.room, name="discussion-salon"),
    path("discussion/<slug:slug>/suivre/", chat_views.follow, name="discussion-suivre"),
]
