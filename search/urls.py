"""URLs of search that are not Wagtail pages."""

app_name = "search"
urlpatterns: list = []
