"""URLs of recettes that are not Wagtail pages: sharing a recipe from the site (members only).

They sit under /recettes/ before Wagtail's page serving; RecipePage refuses these slugs (RESERVED_SLUGS).
"""

from django.urls import include, path

from recettes import views

app_name = "recettes"
urlpatterns = [
    path(
        "recettes/",
        include(
            [
                path("partager/", views.share, name="partager"),
                path("mes-recettes/", views.my_recipes, name="mes-recettes"),
                path("mes-recettes/<int:pk>/", views.preview, name="apercu"),
                path("mes-recettes/<int:pk>/modifier/", views.share, name="modifier"),
                path("mes-recettes/<int:pk>/soumettre/", views.submit, name="soumettre"),
            ]
        ),
    ),
]
