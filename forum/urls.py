"""URLs of forum that are not Wagtail pages (the forum lives under /forum/)."""

from django.urls import include, path

from forum import chat_views, views

app_name = "forum"
urlpatterns = [
    path(
        "forum/",
        include(
            [
                path("", views.index, name="index"),
                path("flux.rss", views.LatestThreadsFeed(), name="feed"),
                path("recherche/", views.search, name="search"),
                path("membres.json", views.mention_suggestions, name="mentions"),
                path("tout-lu/", views.mark_all_read, name="mark-all-read"),
                path("nouveau/", views.new_thread_about, name="new-thread-about"),
                path("notifications/", views.notifications, name="notifications"),
                path("notifications/<int:pk>/", views.notification, name="notification"),
                path("moderation/", views.moderation_queue, name="moderation"),
                path("moderation/journal/", views.moderation_log, name="moderation-log"),
                path("sujet/<int:pk>/", views.thread, name="thread"),
                path("sujet/<int:pk>/repondre/", views.reply, name="reply"),
                path("sujet/<int:pk>/non-lu/", views.first_unread, name="first-unread"),
                path("sujet/<int:pk>/abonnement/", views.subscribe_thread, name="subscribe-thread"),
                path("sujet/<int:pk>/deplacer/", views.move_thread, name="move"),
                path("sujet/<int:pk>/fusionner/", views.merge_thread, name="merge"),
                path("sujet/<int:pk>/fiche-pratique/", views.make_howto, name="howto"),
                path("sujet/<int:pk>/<slug:action>/", views.moderate_thread, name="moderate-thread"),
                path("message/<int:pk>/", views.post_permalink, name="post"),
                path("message/<int:pk>/modifier/", views.edit_post, name="edit"),
                path("message/<int:pk>/historique/", views.post_history, name="history"),
                path("message/<int:pk>/supprimer/", views.delete_post, name="delete"),
                path("message/<int:pk>/signaler/", views.report, name="report"),
                path("message/<int:pk>/reaction/", views.react, name="react"),
                path("message/<int:pk>/solution/", views.mark_solution, name="solution"),
                path("message/<int:pk>/moderer/<slug:action>/", views.moderate_post, name="moderate-post"),
                path("piece-jointe/<int:pk>/", views.attachment, name="attachment"),
                path("<slug:slug>/", views.category, name="category"),
                path("<slug:slug>/nouveau/", views.new_thread, name="new-thread"),
                path("<slug:slug>/abonnement/", views.subscribe_category, name="subscribe-category"),
            ]
        ),
    ),
]

# The chat (/discussion/); its websocket is routed in forum/routing.py.
urlpatterns += [
    path(
        "discussion/",
        include(
            [
                path("", chat_views.discussion, name="discussion"),
                path("prive/", chat_views.direct, name="discussion-prive"),
                path("salons/nouveau/", chat_views.new_topic_room, name="discussion-nouveau-salon"),
                path("<slug:slug>/", chat_views.room, name="discussion-salon"),
                path("<slug:slug>/suivre/", chat_views.follow, name="discussion-suivre"),
            ]
        ),
    ),
]
