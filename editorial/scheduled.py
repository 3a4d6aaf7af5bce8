"""Recording scheduled go-lives and unpublishings in the history, and telling the Publishers.

The public side needs none of this: `published()` reads the clock (core.scheduling). This is
the record of what happened, for the staff: each passed `publish_at` / `unpublish_at` of an
approved page or program gets one history entry with a change reason, and one mail lists them.

Safe to run every minute on several servers at once: an item is claimed with a conditional
UPDATE (`recorded_publish_at = publish_at WHERE ... recorded_publish_at IS DISTINCT FROM
publish_at`) that only one run can win; on PostgreSQL the second UPDATE waits for the first
to commit and then finds nothing left to change. The claim and the history entry share one
transaction, so a run that dies half-way leaves the item to the next run.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.scheduling import due, scheduled_models

from .roles import PUBLISHERS

logger = logging.getLogger(__name__)

EVENTS = ("publish_at", "unpublish_at")


@dataclass
class Recorded:
    item: object
    event: str  # "publish_at" or "unpublish_at"
    moment: object

    def sentence(self):
        when = date_format(timezone.localtime(self.moment), "DATETIME_FORMAT")
        if self.event == "publish_at":
            return _("Went public at its scheduled time, %(when)s (Japan time).") % {"when": when}
        return _("Stopped being public at its scheduled time, %(when)s (Japan time).") % {
            "when": when
        }


def _claim(model, event, item):
    """Mark this item's time as recorded; True only for the one run that changed the row."""
    recorded = f"recorded_{event}"
    return bool(
        model.objects.filter(pk=item.pk, **{event: getattr(item, event)})
        .exclude(**{recorded: F(event)})
        .update(**{recorded: F(event)})
    )


def record_scheduled_changes(now=None):
    """Record every passed, unrecorded publish and unpublish time; returns what this run did."""
    now = now or timezone.now()
    done = []
    with translation.override(settings.LANGUAGE_CODE):
        for model in scheduled_models():
            for event in EVENTS:
                for candidate in due(model, event, now):
                    with transaction.atomic():
                        if not _claim(model, event, candidate):
                            continue  # another server recorded it first
                        item = model.objects.get(pk=candidate.pk)
                        entry = Recorded(item, event, getattr(item, event))
                        item._change_reason = entry.sentence()
                        # Saves the one column already set: a history entry, and the page
                        # cache invalidation, without touching "last updated".
                        item.save(update_fields=[f"recorded_{event}"])
                    done.append(entry)
    return done


def publisher_addresses():
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=PUBLISHERS, email__gt="")
        .order_by("email")
    )
    return list(users.values_list("email", flat=True).distinct())


def notify(recorded):
    """One mail to the Publishers listing what went public or stopped; False if it failed.

    A failed mail is logged and never stops the command: the history already holds the record.
    """
    recipients = publisher_addresses()
    if not recorded or not recipients:
        return True
    with translation.override(settings.LANGUAGE_CODE):
        subject = ngettext(
            "Scheduled publishing: %(count)d change",
            "Scheduled publishing: %(count)d changes",
            len(recorded),
        ) % {"count": len(recorded)}
        lines = [
            f"- {entry.item} ({entry.item._meta.verbose_name}): {entry.sentence()}"
            for entry in recorded
        ]
        body = "\n".join([_("These scheduled changes took effect:"), "", *lines])
    try:
        send_mail(subject, body, None, recipients)
    except Exception:  # noqa: BLE001 - any mail failure: logged, never fatal
        logger.exception("Scheduled publishing: the notification mail could not be sent")
        return False
    return True
