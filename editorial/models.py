"""Review: an Editor's proposed version of a published page or program, waiting for a Publisher.

An Editor may not change what the public reads. Their save of a published item is kept here, as
the proposed values of the item and of its inline rows (a page's sections, a program's figures),
and the item itself stays as published until a Publisher approves. A draft is submitted with no
proposed values: approving it publishes it as it stands. editorial.review does the work.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class ReviewState(models.TextChoices):
    EDITING = "editing", _("Not submitted yet")
    SUBMITTED = "submitted", _("Awaiting review")
    SENT_BACK = "sent_back", _("Sent back")
    APPROVED = "approved", _("Approved and published")
    DISCARDED = "discarded", _("Discarded")


# An item has at most one review in one of these states at a time.
OPEN_STATES = (ReviewState.EDITING, ReviewState.SUBMITTED, ReviewState.SENT_BACK)


class ReviewQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def of(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
        )


class Review(TimeStampedModel):
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("kind of item")
    )
    object_id = models.PositiveBigIntegerField(_("item id"))
    item = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(
        _("proposed version"),
        null=True,
        blank=True,
        help_text=_(
            "The item's fields and inline rows as the editor saved them; empty for a draft, "
            "which is published as it stands."
        ),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=ReviewState.choices, default=ReviewState.EDITING
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="reviews_written",
        verbose_name=_("editor"),
    )
    message = models.TextField(_("message to the publishers"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviews_decided",
        verbose_name=_("publisher"),
    )
    comment = models.TextField(_("publisher's comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-updated_at"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(state__in=OPEN_STATES),
                name="editorial_review_one_open_per_item",
                violation_error_message=_("This item already has a version under review."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=ReviewState.values),
                name="editorial_review_state_valid",
                violation_error_message=_("Unknown review state."),
            ),
            models.CheckConstraint(
                condition=~Q(state=ReviewState.SENT_BACK) | ~Q(comment=""),
                name="editorial_review_sent_back_with_comment",
                violation_error_message=_("Say what to change when sending a version back."),
            ),
        ]

    def __str__(self):
        return _("Review of “%(item)s”") % {"item": self.item_label}

    @property
    def item_label(self):
        item = self.item
        return str(item) if item is not None else _("(deleted)")

    @property
    def is_open(self):
        return self.state in OPEN_STATES
