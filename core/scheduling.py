"""Scheduled publishing: the time window in which a page or a program is public.

Visibility is decided when a row is read: an item whose status says "published" is public from
`publish_at` (if set) until `unpublish_at` (if set), so it goes live at that minute on every
server without any job having run. `live_window()` is the part of each model's `published()`
that reads the clock; `next_scheduled_change()` tells the page cache when what it stores may
stop being true. The `publish_scheduled` command only records what already happened (history
and mail); `recorded_publish_at` / `recorded_unpublish_at` say which times it has recorded.
"""

import datetime

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ScheduledPublishing(models.Model):
    """Adds the publishing window to a model whose `published()` queryset reads it."""

    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_(
            "Optional, in Japan time (JST): once published, the item is public from this "
            "minute on. Leave blank to make it public as soon as it is published."
        ),
    )
    unpublish_at = models.DateTimeField(
        _("unpublish at"),
        null=True,
        blank=True,
        help_text=_(
            "Optional, in Japan time (JST): the item stops being public at this minute. "
            "Leave blank to keep it public."
        ),
    )
    # The times the publish_scheduled command has recorded in the history (and mailed about).
    recorded_publish_at = models.DateTimeField(null=True, blank=True, editable=False)
    recorded_unpublish_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.publish_at and self.unpublish_at and self.unpublish_at <= self.publish_at:
            raise ValidationError(
                {"unpublish_at": _("The unpublish time must come after the publish time.")}
            )

    def in_window(self, now=None):
        """Whether the clock is inside this item's publishing window (status aside)."""
        now = now or timezone.now()
        return (self.publish_at is None or self.publish_at <= now) and (
            self.unpublish_at is None or now < self.unpublish_at
        )


# The command runs every minute: a change is overdue when it was not recorded within this time.
OVERDUE_GRACE = datetime.timedelta(seconds=90)


def window_in_order():
    """The database half of ScheduledPublishing.clean(), for each model's constraints."""
    return models.CheckConstraint(
        condition=Q(publish_at__isnull=True)
        | Q(unpublish_at__isnull=True)
        | Q(unpublish_at__gt=models.F("publish_at")),
        name="%(app_label)s_%(class)s_unpublish_after_publish",
        violation_error_message=_("The unpublish time must come after the publish time."),
    )


def live_window(prefix="", now=None):
    """Q: the row reached through `prefix` ("" or "program__") is inside its window now."""
    now = now or timezone.now()
    return (Q(**{f"{prefix}publish_at__isnull": True}) | Q(**{f"{prefix}publish_at__lte": now})) & (
        Q(**{f"{prefix}unpublish_at__isnull": True}) | Q(**{f"{prefix}unpublish_at__gt": now})
    )


def scheduled_models():
    return [model for model in apps.get_models() if issubclass(model, ScheduledPublishing)]


def next_scheduled_change(now=None):
    """The earliest publish or unpublish time after `now` of any approved item, or None.

    One query (a UNION of each model's future times), whatever the number of models.
    """
    now = now or timezone.now()
    parts = [
        model.objects.approved()
        .filter(**{f"{field}__gt": now})
        .order_by()
        .values_list(field, flat=True)
        for model in scheduled_models()
        for field in ("publish_at", "unpublish_at")
    ]
    if not parts:
        return None
    first, *rest = parts
    return min(first.union(*rest), default=None)


def due(model, field, now=None):
    """Approved rows of `model` whose `field` time has passed but is not recorded yet."""
    now = now or timezone.now()
    recorded = f"recorded_{field}"
    return (
        model.objects.approved()
        .filter(**{f"{field}__lte": now})
        .exclude(**{recorded: models.F(field)})
        .order_by(field, "pk")
    )


def _unrecorded(field, now):
    return Q(**{f"{field}__lte": now}) & ~Q(**{f"recorded_{field}": models.F(field)})


def overdue_count(models=None, now=None):
    """How many items of `models` (default: all) have a publish or unpublish time that passed
    without the publish_scheduled command recording it, allowing the command a minute and a
    half. One query per model."""
    now = (now or timezone.now()) - OVERDUE_GRACE
    return sum(
        model.objects.approved()
        .filter(_unrecorded("publish_at", now) | _unrecorded("unpublish_at", now))
        .count()
        for model in models or scheduled_models()
    )
