"""URLs of forum that are not Wagtail pages."""

app_name = "forum"
urlpatterns: list = []
