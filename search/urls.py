"""URLs of search that are not Wagtail pages: the results page and the autocomplete endpoint."""

from django.urls import include, path

from search import views

app_name = "search"
urlpatterns = [
    path(
        "recherche/",
        include(
            [
                path("", views.results, name="results"),
                path("suggestions/", views.suggestions, name="suggestions"),
            ]
        ),
    ),
]
