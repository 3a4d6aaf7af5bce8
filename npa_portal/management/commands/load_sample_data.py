import importlib
import importlib.util

from django.core.management.base import BaseCommand
from django.db import transaction

SAMPLE_DATA_APPS = ("programs", "deployments", "pages")


class Command(BaseCommand):
    help = (
        "Load the portal's sample data (training figures, deployments, dispatches, pages). "
        "Each kind of data is loaded only into an empty database, so a re-run adds no row: "
        "staff edits stay and deleted rows do not come back. Sample rows loaded before the "
        "sample data had Japanese get their Japanese texts, where the Japanese is still empty "
        "and the English is still the sample's."
    )

    def handle(self, *args, **options):
        # Each app's `sample_data.load()` returns {label: number created} and its
        # `add_japanese()` {label: rows given Japanese}; order matters, as pages refer to
        # schemes and figures.
        with transaction.atomic():
            for app in SAMPLE_DATA_APPS:
                module_name = f"{app}.sample_data"
                if importlib.util.find_spec(module_name) is None:
                    continue
                module = importlib.import_module(module_name)
                for label, count in module.load().items():
                    self.stdout.write(f"{label}: {count} created")
                for label, count in module.add_japanese().items():
                    self.stdout.write(f"{label}: Japanese added to {count}")
