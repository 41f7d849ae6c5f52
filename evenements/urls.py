"""URLs of evenements that are not Wagtail pages: the agenda, events, registrations and iCalendar feeds.

They come before Wagtail's page serving (config/urls.py), so /evenements/agenda/ is never a page slug.
"""

from django.urls import include, path

from evenements import views

app_name = "evenements"
urlpatterns = [
    path(
        "evenements/",
        include(
            [
                path("agenda/", views.agenda, name="agenda"),
                path("agenda/nouveau/", views.new_event, name="nouvel-evenement"),
                path("agenda/reseau.ics", views.network_feed, name="ical-reseau"),
                path("agenda/cafes/<slug:slug>.ics", views.cafe_feed, name="ical-cafe"),
                path("agenda/<int:pk>-<slug:slug>/", views.event_detail, name="evenement"),
                path("agenda/<int:pk>-<slug:slug>/inscriptions/", views.registrations, name="inscriptions"),
                path("nous-l-avons-fait/", views.new_run, name="bilan"),
            ]
        ),
    ),
]
