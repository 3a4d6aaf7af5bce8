import importlib
import importlib.util

from django.core.management.base import BaseCommand
from django.db import transaction

SAMPLE_DATA_APPS = ("programs", "deployments", "pages")


class Command(BaseCommand):
    help = (
        "Load the portal's sample data (training figures, deployments, dispatches, pages). "
        "Each kind of data is loaded only into an empty database, so a re-run changes nothing: "
        "staff edits stay and deleted rows do not come back."
    )

    def handle(self, *args, **options):
        # Each app's `sample_data.load()` returns {label: number created}; order matters, as
        # pages refer to schemes and figures.
        with transaction.atomic():
            for app in SAMPLE_DATA_APPS:
                module_name = f"{app}.sample_data"
                if importlib.util.find_spec(module_name) is None:
                    continue
                created = importlib.import_module(module_name).load()
                for label, count in created.items():
                    self.stdout.write(f"{label}: {count} created")
