from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Recherche"

    def ready(self) -> None:
        from search import indexing, registry

        registry.register_network_types()
        indexing.connect()
