"""Record the scheduled go-lives and unpublishings that have passed, and mail the Publishers.

Run it every minute (README, "Scheduled publishing": a systemd timer or a cron line). Pages
and programs go public at their time whether it runs or not; it writes the history entry and
the notice. Safe on several servers at once: each change is recorded by one run only.
"""

from django.core.management.base import BaseCommand

from editorial.scheduled import notify, record_scheduled_changes


class Command(BaseCommand):
    help = "Record passed publish and unpublish times in the history and mail the Publishers."

    def handle(self, *args, **options):
        recorded = record_scheduled_changes()
        for entry in recorded:
            self.stdout.write(
                f"{entry.item._meta.verbose_name} {entry.item.pk}: {entry.sentence()}"
            )
        if not notify(recorded):
            self.stderr.write("The notification mail could not be sent (see the log).")
