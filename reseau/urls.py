"""URLs of the network's core that are not Wagtail pages."""

from django.urls import path

from reseau import views

app_name = "reseau"
urlpatterns = [
    path("sante/", views.health, name="sante"),
    path("carte/departements.geojson", views.department_outlines, name="contours-departements"),
    path("candidature/", views.application, name="candidature"),
    path("candidature/merci/", views.application_thanks, name="candidature-merci"),
    path("candidature/communes/", views.commune_suggestions, name="candidature-communes"),
    path("devenir-gerant/", views.positions, name="devenir-gerant"),
    path("devenir-gerant/candidater/", views.manager_application, name="devenir-gerant-candidater"),
    path("devenir-gerant/merci/", views.manager_application_thanks, name="devenir-gerant-merci"),
]
