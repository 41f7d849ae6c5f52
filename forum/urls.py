"""URLs of forum that are not Wagtail pages (the forum lives under /forum/)."""

from django.urls import path

from forum import chat_views, views

app_name = "forum"
urlpatterns = [
    path("forum/", views.index, name="index"),
    path("forum/flux.rss", views.LatestThreadsFeed(), name="feed"),
    path("forum/recherche/", views.search, name="search"),
    path("forum/membres.json", views.mention_suggestions, name="mentions"),
    path("forum/tout-lu/", views.mark_all_read, name="mark-all-read"),
    path("forum/notifications/", views.notifications, name="notifications"),
    path("forum/notifications/<int:pk>/", views.notification, name="notification"),
    path("forum/moderation/", views.moderation_queue, name="moderation"),
    path("forum/moderation/journal/", views.moderation_log, name="moderation-log"),
    path("forum/sujet/<int:pk>/", views.thread, name="thread"),
    path("forum/sujet/<int:pk>/repondre/", views.reply, name="reply"),
    path("forum/sujet/<int:pk>/non-lu/", views.first_unread, name="first-unread"),
    path("forum/sujet/<int:pk>/abonnement/", views.subscribe_thread, name="subscribe-thread"),
    path("forum/sujet/<int:pk>/deplacer/", views.move_thread, name="move"),
    path("forum/sujet/<int:pk>/fusionner/", views.merge_thread, name="merge"),
    path("forum/sujet/<int:pk>/fiche-pratique/", views.make_howto, name="howto"),
    path("forum/sujet/<int:pk>/<slug:action>/", views.moderate_thread, name="moderate-thread"),
    path("forum/message/<int:pk>/", views.post_permalink, name="post"),
    path("forum/message/<int:pk>/modifier/", views.edit_post, name="edit"),
    path("forum/message/<int:pk>/historique/", views.post_history, name="history"),
    path("forum/message/<int:pk>/supprimer/", views.delete_post, name="delete"),
    path("forum/message/<int:pk>/signaler/", views.report, name="report"),
    path("forum/message/<int:pk>/reaction/", views.react, name="react"),
    path("forum/message/<int:pk>/solution/", views.mark_solution, name="solution"),
    path("forum/message/<int:pk>/moderer/<slug:action>/", views.moderate_post, name="moderate-post"),
    path("forum/piece-jointe/<int:pk>/", views.attachment, name="attachment"),
    path("forum/<slug:slug>/", views.category, name="category"),
    path("forum/<slug:slug>/nouveau/", views.new_thread, name="new-thread"),
    path("forum/<slug:slug>/abonnement/", views.subscribe_category, name="subscribe-category"),
]

# The chat (/discussion/); its websocket is routed in forum/routing.py.
urlpatterns += [
    path("discussion/", chat_views.discussion, name="discussion"),
    path("discussion/prive/", chat_views.direct, name="discussion-prive"),
    path("discussion/salons/nouveau/", chat_views.new_topic_room, name="discussion-nouveau-salon"),
    path("discussion/<slug:slug>/", chat_views.room, name="discussion-salon"),
    path("discussion/<slug:slug>/suivre/", chat_views.follow, name="discussion-suivre"),
]
