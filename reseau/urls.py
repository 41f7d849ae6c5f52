"""URLs of the network's core that are not Wagtail pages."""

from django.urls import include, path

from reseau import views

app_name = "reseau"
urlpatterns = [
    path("sante/", views.health, name="sante"),
    path("carte/departements.geojson", views.department_outlines, name="contours-departements"),
    path(
        "candidature/",
        include(
            [
                path("", views.application, name="candidature"),
                path("merci/", views.application_thanks, name="candidature-merci"),
                path("communes/", views.commune_suggestions, name="candidature-communes"),
            ]
        ),
    ),
    path(
        "devenir-gerant/",
        include(
            [
                path("", views.positions, name="devenir-gerant"),
                path("candidater/", views.manager_application, name="devenir-gerant-candidater"),
                path("merci/", views.manager_application_thanks, name="devenir-gerant-merci"),
            ]
        ),
    ),
]
