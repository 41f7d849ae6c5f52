from django.apps import AppConfig


class ReseauConfig(AppConfig):
    name = "reseau"
    verbose_name = "Réseau"

    def ready(self) -> None:
        from reseau import page_cache, recruitment  # noqa: F401 - recruitment connects its page_published receiver

        page_cache.connect_signals()
