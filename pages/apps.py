from django.apps import AppConfig
from django.db.backends.signals import connection_created


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Content pages"

    def ready(self):
        from .folding import register_sqlite_function

        connection_created.connect(register_sqlite_function)
