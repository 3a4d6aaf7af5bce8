"""The columns of the deployments and dispatches tables, defined once.

The public pages and the CSV downloads read these lists, so a heading or a cell format changes
in one place. The admin's import/export file is another layout (stored values such as "TR" and
"rescue", one column per model field): deployments/resources.py names its columns and each
column's reading and writing follows the model field (editorial.resources.widget_for).
"""

from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from core.i18n import translated_html
from core.tables import Column

from .text import country_name, experts_text

NOT_STATED = _("not stated")
PERSONS = _("persons")
SOURCE_URL_MEANING = _(
    "The address of the page this row comes from, where it is not the NPA's page that the "
    "site's footer names."
)


def _country_with_place(deployment):
    if deployment.place:
        # The place may be the other language's, marked as such (core.i18n).
        return mark_safe(  # noqa: S308 - both parts escaped or built by format_html
            pgettext("a country and a place in it", "%(country)s (%(place)s)")
            % {
                "country": conditional_escape(country_name(deployment.country)),
                "place": translated_html(deployment, "place"),
            }
        )
    return country_name(deployment.country)


def _details(paragraphs, source_url):
    """A row's longer facts in a <details> element (opens without JavaScript), or "" if none.

    `paragraphs` are (label, text) pairs; empty texts are left out. The row's own source link
    comes last: a row without one comes from the page the footer names.
    """
    items = [(label, text) for label, text in paragraphs if text]
    if not items and not source_url:
        return ""
    body = format_html_join("", "<p><strong>{}</strong> {}</p>", items)
    if source_url:
        body += format_html('<p><a href="{}">{}</a></p>', source_url, _("Source of this row"))
    return format_html(
        '<details class="row-details"><summary>{}</summary>{}</details>', _("Details"), body
    )


def _deployment_details(deployment):
    return _details(
        [(_("What the team did:"), translated_html(deployment, "summary"))],
        deployment.source_url,
    )


def _dispatch_details(dispatch):
    return _details(
        [
            (_("What the experts did:"), translated_html(dispatch, "description")),
            (_("Partner:"), translated_html(dispatch, "partner")),
        ],
        dispatch.source_url,
    )


DEPLOYMENT_COLUMNS = [
    Column("month_year", _("Month & Year"), lambda d: d.month_year, in_csv=False, sort="date"),
    Column(
        "year",
        _("Year"),
        lambda d: d.year,
        numeric=True,
        on_screen=False,
        description=_("The year the team was sent."),
    ),
    Column(
        "month",
        _("Month"),
        lambda d: d.month,
        numeric=True,
        on_screen=False,
        description=_("The month the team was sent, 1 (January) to 12 (December)."),
    ),
    Column(
        "country_code",
        _("Country code"),
        lambda d: d.country.code,
        on_screen=False,
        description=_("The country or region as its two-letter ISO 3166 code (TR for Türkiye)."),
    ),
    Column(
        "country",
        _("Country/Region"),
        lambda d: country_name(d.country),
        display=_country_with_place,
        sort="country",
        link=lambda d: d.get_absolute_url(),
        description=_("The country or region the team was sent to, by its English short name."),
    ),
    Column(
        "place",
        _("Place"),
        lambda d: d.place,
        on_screen=False,
        description=_("The city or area within the country, where the source names one."),
    ),
    Column(
        "disaster",
        _("Disaster"),
        lambda d: d.get_disaster_display(),
        sort="disaster",
        description=_("The kind of disaster: earthquake, tsunami, building collapse and so on."),
    ),
    Column(
        "team",
        _("Team"),
        lambda d: d.get_team_display(),
        sort="team",
        description=_("The Japan Disaster Relief team the police officials joined."),
    ),
    Column(
        "persons",
        _("Dispatched"),
        lambda d: d.persons,
        numeric=True,
        display=lambda d: d.persons_text,
        sort="persons",
        description=_("Police officials sent with the team."),
        unit=PERSONS,
    ),
    Column(
        "summary",
        _("Details"),
        lambda d: d.summary,
        display=_deployment_details,
        description=_("What the team did, in a sentence or two."),
    ),
    Column(
        "source_url",
        _("Source link"),
        lambda d: d.source_url,
        on_screen=False,
        description=SOURCE_URL_MEANING,
    ),
]

DISPATCH_COLUMNS = [
    Column("years", _("Years"), lambda e: e.years, in_csv=False),
    Column(
        "start_year",
        _("First year"),
        lambda e: e.start_year,
        numeric=True,
        on_screen=False,
        description=_("The first year of the dispatch."),
    ),
    Column(
        "end_year",
        _("Last year"),
        lambda e: e.end_year or e.start_year,
        numeric=True,
        on_screen=False,
        description=_(
            "The last year of the dispatch (the first year again for a dispatch within one year)."
        ),
    ),
    Column(
        "country_code",
        _("Host code"),
        lambda e: e.country.code,
        on_screen=False,
        description=_("The host country or region as its two-letter ISO 3166 code."),
    ),
    Column(
        "country",
        _("Host country/region"),
        lambda e: country_name(e.country),
        link=lambda e: e.get_absolute_url(),
        description=_("The country or region the experts worked in."),
    ),
    Column(
        "beneficiary_code",
        _("Beneficiary code"),
        lambda e: e.beneficiary_or_host.code,
        on_screen=False,
        description=_(
            "The country or region whose police were trained, as its two-letter ISO 3166 code."
        ),
    ),
    Column(
        "beneficiary",
        _("Country/region of the police trained"),
        lambda e: country_name(e.beneficiary_or_host),
        description=_(
            "The country or region whose police were trained (the host, unless the training "
            "served another country's police)."
        ),
    ),
    Column(
        "field_of_work",
        _("Field of work"),
        lambda e: e.field_of_work,
        display=lambda e: translated_html(e, "field_of_work"),
        description=_("What the experts advised on or taught."),
    ),
    Column(
        "experts",
        _("Experts sent"),
        experts_text,
        display=lambda e: experts_text(e, role=translated_html(e, "other_experts_role")),
        in_csv=False,
    ),
    Column(
        "long_term_experts",
        _("Long-term experts"),
        lambda e: e.long_term_experts,
        numeric=True,
        on_screen=False,
        description=_("Experts sent for a year or more. Blank: the source does not say."),
        unit=PERSONS,
    ),
    Column(
        "short_term_experts",
        _("Short-term experts"),
        lambda e: e.short_term_experts,
        numeric=True,
        on_screen=False,
        description=_("Experts sent for less than a year. Blank: the source does not say."),
        unit=PERSONS,
    ),
    Column(
        "other_experts",
        _("Other experts"),
        lambda e: e.other_experts,
        numeric=True,
        on_screen=False,
        description=_(
            "Other experts, whose role the next column names. Blank: the source does not say."
        ),
        unit=PERSONS,
    ),
    Column(
        "other_experts_role",
        _("Role of other experts"),
        lambda e: e.other_experts_role,
        on_screen=False,
        description=_("The role of the other experts (for example, judo instructors)."),
    ),
    Column(
        "partner",
        _("Partner"),
        lambda e: e.partner,
        on_screen=False,
        description=_("The organization the dispatch was made with or through, such as JICA."),
    ),
    Column(
        "description",
        _("Details"),
        lambda e: e.description,
        display=_dispatch_details,
        description=_("What the experts did, in a sentence or two."),
    ),
    Column(
        "source_url",
        _("Source link"),
        lambda e: e.source_url,
        on_screen=False,
        description=SOURCE_URL_MEANING,
    ),
]

# The countries page and countries.csv: one row per country or region with any activity.
COUNTRY_COLUMNS = [
    Column(
        "code",
        _("Code"),
        lambda c: c.country.code,
        on_screen=False,
        description=_("ISO 3166-1 alpha-2 code of the country or region."),
    ),
    Column("country", _("Country/Region"), lambda c: c.name, link=lambda c: c.get_absolute_url()),
    Column(
        "deployments",
        _("Disaster relief deployments"),
        lambda c: c.deployments,
        numeric=True,
        description=_("Deployments of police officials with disaster relief teams there."),
        unit=_("deployments"),
    ),
    Column(
        "persons",
        _("Police officials sent"),
        lambda c: c.persons,
        numeric=True,
        description=_("Police officials sent there with disaster relief teams, in all."),
        unit=_("persons"),
    ),
    Column(
        "dispatches_hosted",
        _("Expert dispatches hosted"),
        lambda c: c.dispatches_hosted,
        numeric=True,
        description=_("Dispatches of police experts to this country or region."),
        unit=_("dispatches"),
    ),
    Column(
        "dispatches_benefiting",
        _("Expert dispatches for its police elsewhere"),
        lambda c: c.dispatches_benefiting,
        numeric=True,
        description=_("Dispatches hosted elsewhere to train or advise its police."),
        unit=_("dispatches"),
    ),
]
