from django.apps import AppConfig


class RecettesConfig(AppConfig):
    name = "recettes"
    verbose_name = "Recettes"

    def ready(self) -> None:
        from recettes import fragments, signals

        signals.connect_signals()
        fragments.connect_signals()
