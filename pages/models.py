"""Staff-written content pages, made of ordered sections that may embed live data blocks.

A page's address is the chain of its ancestors' slugs (`/international-cooperation/experts/`),
kept in `path` so that a page, and all its ancestors for the breadcrumbs, load in one query each.
The top-level page with the slug "home" is the editable introduction of the home page `/`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.i18n import TranslatedText
from core.models import TimeStampedModel
from core.scheduling import ScheduledPublishing, live_window, window_in_order
from library.models import WithMedia, caption_needs_image

from .data_pages import DATA_PAGE_ORDERS

HOME_SLUG = "home"
# First path segments that the data pages and the site machinery already use: a top-level
# page with one of these slugs would hide them, or be hidden by them. The database refuses
# these; clean() also refuses the first segment of DJANGO_ADMIN_URL (reserved_slugs()).
RESERVED_SLUGS = (
    "admin",
    "api",
    "countries",
    "deployments",
    "healthz",
    "media",
    "open-data",
    "programs",
    "robots.txt",
    "search",
    "sitemap.xml",
    "static",
)
# Breadcrumbs and the visibility rule (every ancestor published) walk at most this many levels.
MAX_DEPTH = 4


def reserved_slugs():
    """RESERVED_SLUGS and the admin's first path segment, wherever DJANGO_ADMIN_URL puts it."""
    return {*RESERVED_SLUGS, settings.ADMIN_URL.split("/", 1)[0]}


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft: visible to staff only")
    PUBLISHED = "published", _("Published")


def _published_chain(now, depth=MAX_DEPTH, prefix=""):
    """Q: this page and each ancestor up to `depth` levels is published, inside its window."""
    condition = Q(**{f"{prefix}status": Status.PUBLISHED}) & live_window(prefix, now)
    if depth > 1:
        parent = f"{prefix}parent__"
        condition &= Q(**{f"{prefix}parent__isnull": True}) | _published_chain(
            now, depth - 1, parent
        )
    return condition


class PageQuerySet(models.QuerySet):
    def published(self, now=None):
        """The one definition of "public": the page and all its ancestors are published, and
        the clock is inside each one's publishing window (core.scheduling)."""
        return self.filter(_published_chain(now or timezone.now()))

    def approved(self):
        """Pages whose own status is "published", whether or not their window is open yet."""
        return self.filter(status=Status.PUBLISHED)

    def visible_to(self, user):
        """Staff see drafts (with a banner); everyone else only published pages."""
        return self if user.is_staff else self.published()

    def in_navigation(self):
        return (
            self.published()
            .filter(show_in_navigation=True)
            .order_by("navigation_order", "title_en")
        )

    def in_navigation_or_footer(self):
        return (
            self.published()
            .filter(Q(show_in_navigation=True) | Q(show_in_footer=True))
            .order_by("navigation_order", "title_en")
        )


class Page(ScheduledPublishing, TimeStampedModel):
    title = TranslatedText(
        models.CharField(_("title"), max_length=200, help_text=_("The page's main heading."))
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        help_text=_(
            "The last part of the address, e.g. technical-assistance. Lower case letters, "
            "digits and hyphens. Use “home” (with no parent) for the home page introduction."
        ),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent page"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_(
            "Optional: the page this one belongs under, for the address and the breadcrumbs."
        ),
    )
    path = models.CharField(
        _("address"),
        max_length=(100 + 1) * MAX_DEPTH,
        unique=True,
        editable=False,
        help_text=_("The slugs of the parents and of this page, joined by “/”."),
    )
    summary = TranslatedText(
        models.CharField(
            _("summary"),
            max_length=300,
            blank=True,
            help_text=_(
                "One or two sentences: shown in listings and search results, and to search engines."
            ),
        )
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_(
            "Drafts are visible to staff only, with a banner; publishing needs the "
            "“Can publish pages” permission."
        ),
    )
    menu_label = TranslatedText(
        models.CharField(
            _("menu label"),
            max_length=60,
            blank=True,
            help_text=_(
                "Optional: a short name for the menu, the breadcrumbs and the footer when the "
                "title is a long official name, e.g. “Research and Training Center” for the "
                "center. The heading and the browser tab keep the full title."
            ),
        )
    )
    show_in_navigation = models.BooleanField(
        _("show in the menu"), default=False, help_text=_("List this page in the header menu.")
    )
    navigation_order = models.PositiveSmallIntegerField(
        _("menu order"),
        default=0,
        help_text=format_lazy(
            _(
                "Menu entries are listed from the lowest number to the highest. The built-in "
                "data pages have these numbers: {data_pages}. Choose a number between two of "
                "them to place this page there."
            ),
            data_pages=DATA_PAGE_ORDERS,
        ),
    )
    show_in_footer = models.BooleanField(
        _("show in the footer"),
        default=False,
        help_text=_(
            "List this page in the footer of every page, as the contact, accessibility, "
            "privacy and terms of use pages are; the menu order sorts them there too."
        ),
    )

    history = HistoricalRecords()
    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["navigation_order", "title_en"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        permissions = [("publish_page", _("Can publish pages"))]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "slug"],
                name="pages_page_unique_slug_per_parent",
                violation_error_message=_("A page under this parent already has this slug."),
            ),
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(parent__isnull=True),
                name="pages_page_unique_top_level_slug",
                violation_error_message=_("A top-level page already has this slug."),
            ),
            models.CheckConstraint(
                condition=Q(parent__isnull=False) | ~Q(slug__in=RESERVED_SLUGS),
                name="pages_page_slug_not_reserved",
                violation_error_message=_(
                    "This slug is used by the site's data pages; choose another one."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="pages_page_not_own_parent",
                violation_error_message=_("A page cannot be its own parent."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values),
                name="pages_page_status_valid",
                violation_error_message=_("Unknown status."),
            ),
            models.CheckConstraint(
                condition=~Q(slug=""),
                name="pages_page_slug_not_empty",
                violation_error_message=_("A page needs a slug."),
            ),
            window_in_order(),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        old_path = self.path
        self.path = self._computed_path()
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            # Each child saved on its own (not queryset.update) so history and signals see it.
            for child in self.children.all():
                child.save()

    def get_absolute_url(self):
        if self.is_home:
            return reverse("pages:home")
        return reverse("pages:page", args=[self.path])

    @property
    def short_title(self):
        """The menu label when there is one, else the title: for menus, breadcrumbs, footer."""
        return self.menu_label or self.title

    @property
    def is_home(self):
        return self.parent_id is None and self.slug == HOME_SLUG

    @property
    def is_published(self):
        """Published and inside its window now (ancestors aside): as `published()` decides."""
        return self.status == Status.PUBLISHED and self.in_window()

    def ancestors(self):
        """Parents from the top down, in one query (the slugs in `path` name them)."""
        slugs = self.path.split("/")[:-1]
        prefixes = ["/".join(slugs[: index + 1]) for index in range(len(slugs))]
        found = {page.path: page for page in Page.objects.filter(path__in=prefixes)}
        return [found[prefix] for prefix in prefixes if prefix in found]

    def _parent_chain_errors(self):
        errors = {}
        depth, ancestor, seen = 1, self.parent, set()
        while ancestor is not None:
            if (self.pk is not None and ancestor.pk == self.pk) or ancestor.pk in seen:
                errors["parent"] = _("A page cannot be placed under itself or its own sub-pages.")
                break
            seen.add(ancestor.pk)
            depth += 1
            ancestor = ancestor.parent
        if "parent" not in errors and depth > MAX_DEPTH:
            errors["parent"] = _("Pages can be nested at most %(depth)d levels deep.") % {
                "depth": MAX_DEPTH
            }
        return errors

    def clean(self):
        super().clean()
        errors = {}
        if self.parent_id is None and self.slug in reserved_slugs():
            errors["slug"] = _(
                "“%(slug)s” is the start of the site's data addresses; choose another slug."
            ) % {"slug": self.slug}
        if self.parent_id is not None:
            errors.update(self._parent_chain_errors())
            if self.parent.is_home:
                errors["parent"] = _("The home page cannot have sub-pages.")
        if errors:
            raise ValidationError(errors)

    def _computed_path(self):
        if self.parent_id is None:
            return self.slug
        return f"{self.parent.path}/{self.slug}"


class Block(models.TextChoices):
    """Live data blocks a section can show, rendered exactly as on their own pages."""

    PROGRAMS_TABLE = "programs_table", _("Training programs table (one scheme)")
    PARTICIPANTS_CHART = "participants_chart", _("Training participants chart (all programs)")
    DISASTER_RELIEF = "disaster_relief", _("Disaster relief deployments table")
    EXPERT_DISPATCHES = "expert_dispatches", _("Expert dispatch list")
    KEY_FIGURES = "key_figures", _("Key figures")


class Section(WithMedia):
    page = models.ForeignKey(
        Page,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("page"),
        help_text=_("The page this section is shown on."),
    )
    heading = TranslatedText(
        models.CharField(
            _("heading"),
            max_length=200,
            blank=True,
            help_text=_("Optional. May contain figures such as [[jdr.deployments]]."),
        )
    )
    body = TranslatedText(
        models.TextField(
            _("text"),
            blank=True,
            help_text=_(
                "Markdown: blank line between paragraphs, ## for a sub-heading, - for a list, "
                "[text](https://address) for a link, | for tables. Live figures: "
                "[[jdr.deployments]], [[jdr.persons]], [[programs.latest_year]], "
                "[[countries.reached]] and others (an unknown name is marked in the preview)."
            ),
        )
    )
    block = models.CharField(
        _("live data block"),
        max_length=30,
        choices=Block.choices,
        blank=True,
        help_text=_("Optional: a table or list from the database, shown after the text."),
    )
    scheme = models.ForeignKey(
        "programs.Scheme",
        verbose_name=_("scheme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Only for the training programs table: which scheme's table to show."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Sections are shown from the lowest number up.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.CheckConstraint(
                condition=~Q(heading_en="", heading_ja="", body_en="", body_ja="", block="")
                | Q(image__isnull=False),
                name="pages_section_not_empty",
                violation_error_message=_("Give the section a heading, some text or a block."),
            ),
            caption_needs_image(),
            models.CheckConstraint(
                condition=Q(block=Block.PROGRAMS_TABLE, scheme__isnull=False)
                | (~Q(block=Block.PROGRAMS_TABLE) & Q(scheme__isnull=True)),
                name="pages_section_scheme_only_for_programs_table",
                violation_error_message=_(
                    "Choose a scheme for the training programs table, and only for it."
                ),
            ),
            models.CheckConstraint(
                condition=Q(block="") | Q(block__in=Block.values),
                name="pages_section_block_valid",
                violation_error_message=_("Unknown live data block."),
            ),
        ]

    def __str__(self):
        return self.heading or _("Section %(order)s") % {"order": self.order}

    @property
    def anchor(self):
        return f"section-{self.pk}"

    def clean(self):
        super().clean()
        if not (self.heading or self.body or self.block or self.image_id):
            raise ValidationError(_("Give the section a heading, some text or a block."))
        if self.block == Block.PROGRAMS_TABLE and self.scheme_id is None:
            raise ValidationError({"scheme": _("Choose the scheme whose table to show.")})
        if self.block != Block.PROGRAMS_TABLE and self.scheme_id is not None:
            raise ValidationError(
                {"scheme": _("A scheme is only used by the training programs table.")}
            )
