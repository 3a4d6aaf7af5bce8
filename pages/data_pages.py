"""The site's built-in data pages as the header menu lists them, each with its menu order.

Content pages marked for the menu sort among them by their own menu order, so staff can place a
new page before, between or after the data pages. Kept apart from `navigation` so that the
page model's help text can name the numbers without importing the menu code.
"""

from dataclasses import dataclass

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class DataPage:
    label: str
    url_name: str
    summary: str
    order: int


DATA_PAGES = (
    DataPage(
        _("Training programs"),
        "programs:index",
        _("Officers from other countries trained with Japan's police, year by year."),
        100,
    ),
    DataPage(
        _("Disaster relief"),
        "deployments:disaster_relief",
        _("Police officials sent abroad with Japan Disaster Relief teams."),
        110,
    ),
    DataPage(
        _("Expert dispatches"),
        "deployments:expert_dispatches",
        _("Police experts advising and training partner forces abroad."),
        120,
    ),
    DataPage(
        pgettext_lazy("menu label", "Countries"),
        "deployments:country_list",
        _("Every country and region the police worked in or for."),
        130,
    ),
)


def _orders_text():
    return ", ".join(f"{page.order} {page.label}" for page in DATA_PAGES)


# "100 Training programs, 110 Disaster relief, …" in the language of the moment.
DATA_PAGE_ORDERS = lazy(_orders_text, str)()
