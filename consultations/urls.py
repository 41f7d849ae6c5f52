"""The consultation's URLs, under a café's page (Django routes come before Wagtail's page serving)."""

from django.urls import path

from consultations import views

app_name = "consultations"
urlpatterns = [
    path("cafes/<slug:slug>/consultation/", views.answer, name="repondre"),
    path("cafes/<slug:slug>/consultation/merci/", views.thanks, name="merci"),
    path("cafes/<slug:slug>/consultation/confirmer/<str:token>/", views.confirm, name="confirmer"),
    path("cafes/<slug:slug>/consultation/<int:pk>/resultats/", views.results, name="resultats"),
    path("cafes/<slug:slug>/consultation/<int:pk>/resultats/export.csv", views.export_csv, name="export"),
    path(
        "cafes/<slug:slug>/consultation/<int:pk>/resultats/<uuid:key>/",
        views.mayor_results,
        name="resultats-mairie",
    ),
    path(
        "cafes/<slug:slug>/consultation/<int:pk>/services-ouverts/",
        views.mark_opened,
        name="services-ouverts",
    ),
    path("cafes/<slug:slug>/consultation/<int:pk>/lien-mairie/", views.new_mayor_link, name="lien-mairie"),
]
