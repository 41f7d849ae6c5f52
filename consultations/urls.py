"""The consultation's URLs, under a café's page (Django routes come before Wagtail's page serving)."""

from django.urls import include, path

from consultations import views

app_name = "consultations"
urlpatterns = [
    path(
        "cafes/<slug:slug>/consultation/",
        include(
            [
                path("", views.answer, name="repondre"),
                path("merci/", views.thanks, name="merci"),
                path("confirmer/<str:token>/", views.confirm, name="confirmer"),
                path("<int:pk>/resultats/", views.results, name="resultats"),
                path("<int:pk>/resultats/export.csv", views.export_csv, name="export"),
                path(
                    "<int:pk>/resultats/<uuid:key>/",
                    views.mayor_results,
                    name="resultats-mairie",
                ),
                path(
                    "<int:pk>/services-ouverts/",
                    views.mark_opened,
                    name="services-ouverts",
                ),
                path("<int:pk>/lien-mairie/", views.new_mayor_link, name="lien-mairie"),
            ]
        ),
    ),
]
