"""URLs of search that are not Wagtail pages: the results page and the autocomplete endpoint."""

from django.urls import path

from search import views

app_name = "search"
urlpatterns = [
    path("recherche/", views.results, name="results"),
    path("recherche/suggestions/", views.suggestions, name="suggestions"),
]
