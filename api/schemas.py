"""The shapes of the API's answers. Field names are part of the contract of /api/v1/: a field
may be added, never renamed or removed (a change that needs that is /api/v2/).

Text written in a human language carries its language in its name: `name_en` and `name_ja`
(empty when no Japanese text has been entered yet) for what a record stores, and country names
and labels in both languages. Codes (`country`, `disaster`, `team`, slugs) are language-free.
"""

from datetime import datetime

from ninja import Schema
from pydantic import Field


class ParameterError(Schema):
    parameter: str = Field(description="The query parameter that was not understood.")
    message: str = Field(description="What is wrong with it, in a sentence.")


class BadRequest(Schema):
    detail: str
    errors: list[ParameterError]


class NotFound(Schema):
    detail: str


class Paged(Schema):
    count: int = Field(description="How many results match the filters, on every page together.")
    next: str | None = Field(description="The address of the next page; null on the last page.")
    previous: str | None = Field(description="The address of the previous page; null on the first.")


class SchemeOut(Schema):
    slug: str
    name_en: str
    name_ja: str
    description_en: str
    description_ja: str
    display_order: int
    url: str = Field(description="The scheme's table on the site.")


class SchemeList(Paged):
    results: list[SchemeOut]


class ProgramOut(Schema):
    slug: str
    name_en: str
    name_ja: str
    description_en: str
    description_ja: str
    scheme: str = Field(description="The slug of the program's scheme.")
    first_year: int | None
    latest_year: int | None
    years_run: int = Field(description="Years with figures (within the years asked for).")
    total_participants: int | None = Field(description="Participants over those years.")
    url: str


class ProgramList(Paged):
    results: list[ProgramOut]


class FigureOut(Schema):
    program: str = Field(description="The program's slug.")
    program_name_en: str
    program_name_ja: str
    scheme: str = Field(description="The scheme's slug.")
    year: int
    participants: int = Field(description="Officers who took part (persons).")
    countries: int = Field(description="Countries the participants came from.")
    note_en: str
    note_ja: str
    provisional: bool = Field(
        description="True while the scheme's figures for that year are provisional (may change)."
    )


class FigureList(Paged):
    results: list[FigureOut]


class ProgramDetail(ProgramOut):
    figures: list[FigureOut]
    updated_at: datetime


class DeploymentOut(Schema):
    id: int
    year: int
    month: int = Field(description="1 to 12; the source gives the month, not the day.")
    country: str = Field(description="ISO 3166-1 alpha-2 code of the country or region.")
    country_name_en: str
    country_name_ja: str
    place_en: str
    place_ja: str
    disaster: str
    disaster_label_en: str
    disaster_label_ja: str
    team: str
    team_label_en: str
    team_label_ja: str
    persons: int = Field(description="Police officials sent (persons).")
    summary_en: str
    summary_ja: str
    source_url: str
    url: str = Field(description="The country's page on the site.")
    updated_at: datetime


class DeploymentList(Paged):
    results: list[DeploymentOut]


class DispatchOut(Schema):
    id: int
    country: str = Field(description="ISO code of the host country or region.")
    country_name_en: str
    country_name_ja: str
    beneficiary: str = Field(description="ISO code of the police trained, when not the host's.")
    beneficiary_name_en: str
    beneficiary_name_ja: str
    start_year: int
    end_year: int | None = Field(description="null when the dispatch began and ended in one year.")
    field_of_work_en: str
    field_of_work_ja: str
    long_term_experts: int | None = Field(description="null: the source does not say.")
    short_term_experts: int | None = Field(description="null: the source does not say.")
    other_experts: int | None = Field(description="null: the source does not say.")
    other_experts_role_en: str
    other_experts_role_ja: str
    partner_en: str
    partner_ja: str
    description_en: str
    description_ja: str
    source_url: str
    url: str
    updated_at: datetime


class DispatchList(Paged):
    results: list[DispatchOut]


class CountryOut(Schema):
    code: str = Field(description="ISO 3166-1 alpha-2 code.")
    name_en: str
    name_ja: str
    deployments: int
    persons: int = Field(description="Police officials sent with disaster relief teams.")
    dispatches_hosted: int
    dispatches_benefiting: int = Field(description="Dispatches hosted elsewhere for its police.")
    url: str


class CountryList(Paged):
    results: list[CountryOut]


class CountryDetail(CountryOut):
    disaster_relief_deployments: list[DeploymentOut]
    dispatches_hosted_list: list[DispatchOut]
    dispatches_benefiting_list: list[DispatchOut]


class PageOut(Schema):
    id: int = Field(description="Stable: survives a change of address.")
    title_en: str
    title_ja: str
    summary_en: str
    summary_ja: str
    path: str
    parent: int | None = Field(description="The parent page's id.")
    url: str
    created_at: datetime
    updated_at: datetime


class PageList(Paged):
    results: list[PageOut]
