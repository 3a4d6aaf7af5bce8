"""Atom feeds of the disaster relief deployments and of the published pages' updates.

Entry ids are tag URIs built from the row's primary key (`tag:host,2024:deployment/17`), so a
page keeps its entry when its slug or parent changes. Dates come from the data: a deployment is
published on the first of its month (Tokyo time: the source gives a month, not a day) and
updated when its row was; the feed's `updated` is the newest entry's, never "now".
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from core.i18n import translated_html, translated_plain
from deployments.models import DisasterDeployment
from deployments.text import country_name
from pages.models import Page

ENTRIES = 50
# The year of the tag URIs (RFC 4151): when this site first used them. Never change it.
TAG_DATE = "2024"
# Only an empty feed has no newest entry; it then claims no date from the wall clock either.
EMPTY_FEED_DATE = datetime(2024, 1, 1, tzinfo=ZoneInfo("UTC"))


class _AtomFromData(Atom1Feed):
    def latest_post_date(self):
        dates = [item[key] for item in self.items for key in ("updateddate", "pubdate")
                 if item.get(key)]  # fmt: skip
        return max(dates, default=EMPTY_FEED_DATE)


class _Feed(Feed):
    feed_type = _AtomFromData
    kind = ""

    def __call__(self, request, *args, **kwargs):
        self.host = request.get_host().split(":")[0]
        return super().__call__(request, *args, **kwargs)

    def item_guid(self, item):
        return f"tag:{self.host},{TAG_DATE}:{self.kind}/{item.pk}"

    item_guid_is_permalink = False

    def item_updateddate(self, item):
        return item.updated_at


class DeploymentFeed(_Feed):
    kind = "deployment"
    title = _("Disaster relief deployments of Japanese police officials")
    subtitle = _("Each deployment of police officials with a Japan Disaster Relief team.")

    def link(self):
        return reverse("deployments:disaster_relief")

    def items(self):
        return DisasterDeployment.objects.newest_first()[:ENTRIES]

    def item_title(self, item):
        return _("%(when)s: %(persons)s to %(country)s (%(disaster)s)") % {
            "when": item.month_year,
            "persons": item.persons_text,
            "country": country_name(item.country),
            "disaster": item.get_disaster_display().lower(),
        }

    def item_description(self, item):
        return translated_html(item, "summary") or _("%(team)s, %(persons)s.") % {
            "team": item.get_team_display(),
            "persons": item.persons_text,
        }

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        # A month, not a moment: midnight on its first day, in the site's time zone.
        return datetime(item.year, item.month, 1, tzinfo=ZoneInfo(settings.TIME_ZONE))


class PageFeed(_Feed):
    kind = "page"
    title = _("Page updates")
    subtitle = _("Pages of the NPA International Cooperation site, most recently changed first.")

    def link(self):
        return reverse("pages:home")

    def items(self):
        return Page.objects.published().order_by("-updated_at", "-pk")[:ENTRIES]

    def item_title(self, item):
        # An Atom title here is plain text: a fallback is named by the note in plain text.
        return translated_plain(item, "title")

    def item_description(self, item):
        # The summary is HTML (type="html"), so a fallback carries its own lang.
        return translated_html(item, "summary")

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.created_at
