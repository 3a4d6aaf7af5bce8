"""The columns of the deployments and dispatches tables, defined once.

The public pages, the CSV downloads and the admin export all read these lists, so a heading or
a cell format changes in one place.
"""

from django.utils.translation import gettext_lazy as _

from core.tables import Column

from .text import country_name

NOT_STATED = _("not stated")


def _count_text(value):
    return NOT_STATED if value is None else value


def _country_with_place(deployment):
    if deployment.place:
        return f"{country_name(deployment.country)} ({deployment.place})"
    return country_name(deployment.country)


def _other_experts_text(dispatch):
    text = _count_text(dispatch.other_experts)
    if dispatch.other_experts_role:
        return f"{text} ({dispatch.other_experts_role})"
    return text


DEPLOYMENT_COLUMNS = [
    Column("month_year", _("Month & Year"), lambda d: d.month_year, in_csv=False, sort="date"),
    Column(
        "year",
        _("Year"),
        lambda d: d.year,
        numeric=True,
        on_screen=False,
        description=_("The year the team left Japan."),
    ),
    Column(
        "month",
        _("Month"),
        lambda d: d.month,
        numeric=True,
        on_screen=False,
        description=_("The month the team left Japan, 1 to 12."),
    ),
    Column(
        "country_code",
        _("Country code"),
        lambda d: d.country.code,
        on_screen=False,
        description=_("ISO 3166-1 alpha-2 code of the country or region of the disaster."),
    ),
    Column(
        "country",
        _("Country/Region"),
        lambda d: country_name(d.country),
        display=_country_with_place,
        sort="country",
        link=lambda d: d.get_absolute_url(),
        description=_("Its name."),
    ),
    Column(
        "place",
        _("Place"),
        lambda d: d.place,
        on_screen=False,
        description=_("City or area, when the source names one."),
    ),
    Column(
        "disaster",
        _("Disaster"),
        lambda d: d.get_disaster_display(),
        sort="disaster",
        description=_("The kind of disaster."),
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
        description=_("Police officials sent."),
        unit=_("persons"),
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
        description=_("The year the experts started work."),
    ),
    Column(
        "end_year",
        _("Last year"),
        lambda e: e.end_year or e.start_year,
        numeric=True,
        on_screen=False,
        description=_("The last year of the dispatch (the first year, for one year)."),
    ),
    Column(
        "country_code",
        _("Host code"),
        lambda e: e.country.code,
        on_screen=False,
        description=_("ISO 3166-1 alpha-2 code of the host country or region."),
    ),
    Column(
        "country",
        _("Host country/region"),
        lambda e: country_name(e.country),
        link=lambda e: e.get_absolute_url(),
        description=_("Its name."),
    ),
    Column(
        "beneficiary_code",
        _("Beneficiary code"),
        lambda e: e.beneficiary_or_host.code,
        on_screen=False,
        description=_("ISO code of the country whose police were trained or advised."),
    ),
    Column(
        "beneficiary", _("Police trained or advised"), lambda e: country_name(e.beneficiary_or_host)
    ),
    Column("field_of_work", _("Field of work"), lambda e: e.field_of_work),
    Column(
        "long_term_experts",
        _("Long-term experts"),
        lambda e: e.long_term_experts,
        numeric=True,
        display=lambda e: _count_text(e.long_term_experts),
        description=_("Long-term experts sent; empty when the source does not say."),
        unit=_("persons"),
    ),
    Column(
        "short_term_experts",
        _("Short-term experts"),
        lambda e: e.short_term_experts,
        numeric=True,
        display=lambda e: _count_text(e.short_term_experts),
        description=_("Short-term experts sent; empty when the source does not say."),
        unit=_("persons"),
    ),
    Column(
        "other_experts",
        _("Other experts"),
        lambda e: e.other_experts,
        numeric=True,
        display=_other_experts_text,
        description=_("Instructors and other experts; empty when the source does not say."),
        unit=_("persons"),
    ),
    Column(
        "other_experts_role",
        _("Role of other experts"),
        lambda e: e.other_experts_role,
        on_screen=False,
    ),
    Column("partner", _("Partner"), lambda e: e.partner, display=lambda e: e.partner or NOT_STATED),
    Column("description", _("Description"), lambda e: e.description),
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
