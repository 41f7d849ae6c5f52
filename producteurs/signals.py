"""The directory's results are held by each process for the pages version (reseau.held): every change to a
page bumps it, and `connect_signals` makes every change to the vocabularies (and to offers written outside a
page's publication) bump it too.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from reseau import page_cache


def _bump(**kwargs) -> None:
    page_cache.bump_version()


def connect_signals() -> None:
    """Changes that a page's publication does not announce: the vocabularies (snippets), and offers, labels
    and sales modes written straight to the database."""
    from producteurs.models import Label, ProducerPage, ProducerProduct, Product, SalesMode

    for model in (Label, Product, SalesMode, ProducerProduct):
        for signal in (post_save, post_delete):
            signal.connect(
                _bump, sender=model, dispatch_uid=f"producteurs-pages-{model.__name__}-{id(signal)}"
            )
    for through in (ProducerPage.labels.through, ProducerPage.sales_modes.through):
        m2m_changed.connect(_bump, sender=through, dispatch_uid=f"producteurs-pages-{through.__name__}")
