from django.db import migrations

PUBLIC_DOCUMENTS_COLLECTION = "Documents publics"


def create_public_documents_collection(apps, schema_editor):
    """Documents are for members unless filed here (reseau.access.audience): the collection editors use for
    the ones anybody may download."""
    # Treebeard's tree methods live on the real model, not on the historical one.
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    if root and not root.get_children().filter(name=PUBLIC_DOCUMENTS_COLLECTION).exists():
        root.add_child(name=PUBLIC_DOCUMENTS_COLLECTION)


class Migration(migrations.Migration):
    dependencies = [
        ("reseau", "0004_manager_recruitment"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_public_documents_collection, migrations.RunPython.noop)]
