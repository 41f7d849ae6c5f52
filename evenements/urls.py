"""URLs of evenements that are not Wagtail pages."""

app_name = "evenements"
urlpatterns: list = []
