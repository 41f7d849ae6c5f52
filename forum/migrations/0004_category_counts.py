from django.db import migrations, models


def count(apps, schema_editor):
    from django.db.models import Count, Q, Sum

    Category = apps.get_model("forum", "Category")
    for category in Category.objects.annotate(
        threads_n=Count("threads", filter=Q(threads__merged_into__isnull=True)),
        posts_n=Sum("threads__post_count"),
    ):
        Category.objects.filter(pk=category.pk).update(
            thread_count=category.threads_n, post_count=category.posts_n or 0
        )


class Migration(migrations.Migration):
    dependencies = [("forum", "0003_thread_listing_indexes")]

    operations = [
        migrations.AddField(
            model_name="category",
            name="thread_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="category",
            name="post_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(count, migrations.RunPython.noop),
    ]
