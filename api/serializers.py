"""Each row as the JSON object the API answers with (its shape is declared in schemas.py).

Text the site stores in both languages comes as `name_en` and `name_ja`; text it translates
rather than stores (country names, choice labels) is named once in each language here.
"""

from django.utils import translation

from deployments.text import country_name


def _absolute(request, url):
    return request.build_absolute_uri(url)


def _in_both(**texts):
    """{"name_en": ..., "name_ja": ...} for each `name_=function`, the function called once in
    each language (country names and choice labels are translated, not stored)."""
    both = {}
    for prefix, text in texts.items():
        for language in ("en", "ja"):
            with translation.override(language):
                both[f"{prefix}{language}"] = str(text())
    return both


def scheme(request, scheme):
    return {
        "slug": scheme.slug,
        "name_en": scheme.name_en,
        "name_ja": scheme.name_ja,
        "description_en": scheme.description_en,
        "description_ja": scheme.description_ja,
        "display_order": scheme.display_order,
        "url": _absolute(request, scheme.get_absolute_url()),
    }


def program(request, program):
    return {
        "slug": program.slug,
        "name_en": program.name_en,
        "name_ja": program.name_ja,
        "description_en": program.description_en,
        "description_ja": program.description_ja,
        "scheme": program.scheme.slug,
        "first_year": program.first_year,
        "latest_year": program.latest_year,
        "years_run": program.years_run,
        "total_participants": program.total_participants,
        "url": _absolute(request, program.get_absolute_url()),
    }


FIGURE_FIELDS = {
    "program": "program__slug",
    "program_name_en": "program__name_en",
    "program_name_ja": "program__name_ja",
    "scheme": "program__scheme__slug",
    "year": "year",
    "participants": "participants",
    "countries": "countries",
    "note_en": "note_en",
    "note_ja": "note_ja",
    "provisional": "provisional",
}


def figure_rows(figures):
    """Figures as plain dicts read straight from the database: no model instances."""
    names = list(FIGURE_FIELDS)
    return (
        dict(zip(names, row, strict=True)) for row in figures.values_list(*FIGURE_FIELDS.values())
    )


def deployment(request, deployment):
    return {
        "id": deployment.pk,
        "year": deployment.year,
        "month": deployment.month,
        "country": deployment.country.code,
        **_in_both(country_name_=lambda: country_name(deployment.country)),
        "place_en": deployment.place_en,
        "place_ja": deployment.place_ja,
        "disaster": deployment.disaster,
        **_in_both(disaster_label_=deployment.get_disaster_display),
        "team": deployment.team,
        **_in_both(team_label_=deployment.get_team_display),
        "persons": deployment.persons,
        "summary_en": deployment.summary_en,
        "summary_ja": deployment.summary_ja,
        "source_url": deployment.source_url,
        "url": _absolute(request, deployment.get_absolute_url()),
        "updated_at": deployment.updated_at,
    }


def dispatch(request, dispatch):
    return {
        "id": dispatch.pk,
        "country": dispatch.country.code,
        **_in_both(country_name_=lambda: country_name(dispatch.country)),
        "beneficiary": dispatch.beneficiary.code or "",
        **_in_both(
            beneficiary_name_=lambda: (
                country_name(dispatch.beneficiary) if dispatch.beneficiary else ""
            )
        ),
        "start_year": dispatch.start_year,
        "end_year": dispatch.end_year,
        "field_of_work_en": dispatch.field_of_work_en,
        "field_of_work_ja": dispatch.field_of_work_ja,
        "long_term_experts": dispatch.long_term_experts,
        "short_term_experts": dispatch.short_term_experts,
        "other_experts": dispatch.other_experts,
        "other_experts_role_en": dispatch.other_experts_role_en,
        "other_experts_role_ja": dispatch.other_experts_role_ja,
        "partner_en": dispatch.partner_en,
        "partner_ja": dispatch.partner_ja,
        "description_en": dispatch.description_en,
        "description_ja": dispatch.description_ja,
        "source_url": dispatch.source_url,
        "url": _absolute(request, dispatch.get_absolute_url()),
        "updated_at": dispatch.updated_at,
    }


def country(request, activity):
    return {
        "code": activity.country.code,
        **_in_both(name_=lambda: activity.name),
        "deployments": activity.deployments,
        "persons": activity.persons,
        "dispatches_hosted": activity.dispatches_hosted,
        "dispatches_benefiting": activity.dispatches_benefiting,
        "url": _absolute(request, activity.get_absolute_url()),
    }


def page(request, page):
    return {
        "id": page.pk,
        "title_en": page.title_en,
        "title_ja": page.title_ja,
        "summary_en": page.summary_en,
        "summary_ja": page.summary_ja,
        "path": page.path,
        "parent": page.parent_id,
        "url": _absolute(request, page.get_absolute_url()),
        "created_at": page.created_at,
        "updated_at": page.updated_at,
    }
