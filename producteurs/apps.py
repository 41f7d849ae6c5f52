from django.apps import AppConfig


class ProducteursConfig(AppConfig):
    name = "producteurs"
    verbose_name = "Producteurs locaux"

    def ready(self) -> None:
        from producteurs import signals

        signals.connect_signals()
