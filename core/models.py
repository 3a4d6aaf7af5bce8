"""Base models every data app shares: one timestamp pair, one slug made from the name."""

from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """When a row was first and last saved, with one wording everywhere."""

    created_at = models.DateTimeField(
        _("created"), auto_now_add=True, help_text=_("When this row was first saved.")
    )
    updated_at = models.DateTimeField(
        _("last updated"),
        auto_now=True,
        help_text=_("When this row was last saved; the public pages show it as “last updated”."),
    )

    class Meta:
        abstract = True


def unique_slug(instance, value, fallback):
    """A slug from `value`, made unique among the instance's model by a numeric suffix."""
    model = type(instance)
    max_length = model._meta.get_field("slug").max_length
    base = slugify(value)[: max_length - 4].strip("-") or fallback
    others = (
        model._default_manager.exclude(pk=instance.pk) if instance.pk else model._default_manager
    )
    candidate, number = base, 2
    while others.filter(slug=candidate).exists():
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def slug_not_empty(message):
    """The database half of "a slug is never blank", named after the model that lists it."""
    return models.CheckConstraint(
        condition=~Q(slug=""),
        name="%(app_label)s_%(class)s_slug_not_empty",
        violation_error_message=message,
    )


class SlugFromNameMixin:
    """A unique `slug` from the English `name` when left blank (in the form and on every save).

    The model declares its own `slug` field (its help text says what the slug is used for),
    lists `slug_not_empty(...)` in its constraints, and names `slug_fallback`, used when the
    name has no letter a slug can keep.
    """

    slug_fallback = "item"
    # The English name, whatever language the editor works in: addresses stay ASCII and alike
    # in both languages.
    slug_source = "name_en"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, getattr(self, self.slug_source), self.slug_fallback)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        # Without a name the form reports the name; a slug made of the fallback would hide it.
        if not self.slug and getattr(self, self.slug_source):
            self.slug = unique_slug(self, getattr(self, self.slug_source), self.slug_fallback)
