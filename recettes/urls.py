"""URLs of recettes that are not Wagtail pages: sharing a recipe from the site (members only).

They sit under /recettes/ before Wagtail's page serving; RecipePage refuses these slugs (RESERVED_SLUGS).
"""

from django.urls import path

from recettes import views

app_name = "recettes"
urlpatterns = [
    path("recettes/partager/", views.share, name="partager"),
    path("recettes/mes-recettes/", views.my_recipes, name="mes-recettes"),
    path("recettes/mes-recettes/<int:pk>/", views.preview, name="apercu"),
    path("recettes/mes-recettes/<int:pk>/modifier/", views.share, name="modifier"),
    path("recettes/mes-recettes/<int:pk>/soumettre/", views.submit, name="soumettre"),
]
