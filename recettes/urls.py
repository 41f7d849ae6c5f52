"""URLs of recettes that are not Wagtail pages."""

app_name = "recettes"
urlpatterns: list = []
