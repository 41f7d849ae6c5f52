"""URLs of producteurs that are not Wagtail pages."""

app_name = "producteurs"
urlpatterns: list = []
