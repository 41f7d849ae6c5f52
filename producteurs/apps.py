from django.apps import AppConfig


class ProducteursConfig(AppConfig):
    name = "producteurs"
    verbose_name = "Producteurs locaux"
