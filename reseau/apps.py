from django.apps import AppConfig


class ReseauConfig(AppConfig):
    name = "reseau"
    verbose_name = "Réseau"

    def ready(self) -> None:
        from reseau import recruitment  # noqa: F401 - connects its page_published receiver
