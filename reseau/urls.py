"""URLs of the network's core that are not Wagtail pages."""

from django.urls import path

from reseau import views

app_name = "reseau"
urlpatterns = [
    path("sante/", views.health, name="sante"),
    path("carte/departements.geojson", views.department_outlines, name="contours-departements"),
]
