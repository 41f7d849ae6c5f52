from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Recherche"

    def ready(self) -> None:
        from search import content_types, indexing, registry

        registry.register_network_types()
        content_types.register_content_types()
        indexing.connect()
