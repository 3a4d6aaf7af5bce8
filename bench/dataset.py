"""Synthetic data at a given scale, for the benchmarks: `python bench/dataset.py large`.

Runs against whatever DATABASE_URL points at (an empty, migrated database). Rows are made with
bulk_create, so no history rows: the public pages never read them.

    small: 12 programs x 20 years = 240 figures, 100 deployments, 40 dispatches, 5 pages
    large: 500 programs x 40 years = 20,000 figures, 2,000 deployments, 300 dispatches, 50 pages
    csv:   2,500 programs x 40 years = 100,000 figures (for the CSV export)
"""

import itertools
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "npa_portal.settings")

SCALES = {
    # schemes, programs per scheme, years, deployments, dispatches, pages
    "small": (2, 6, 20, 100, 40, 5),
    "large": (5, 100, 40, 2000, 300, 50),
    "csv": (5, 500, 40, 10, 10, 2),
}
COUNTRIES = [
    "ID", "TR", "PH", "TH", "VN", "MY", "NP", "PK", "IN", "CN", "TW", "KR", "MX", "PE", "CL",
    "HT", "IR", "DZ", "MA", "EG", "NZ", "US", "IT", "GR", "LK", "BD", "MM", "LA", "KH", "MN",
]  # fmt: skip
TEXT = (
    "Japanese police officers worked with local teams on search and rescue, identification "
    "of victims and keeping order in the affected area. ",
    "日本の警察官が現地の隊と協力し、捜索救助、犠牲者の身元確認、被災地の治安維持にあたった。",
)


def fields(model, **values):
    """Both languages' columns of each translated field: a (English, Japanese) pair, or one
    text for both; the /ja/ pages then render Japanese text of the same length as the real."""
    from translated_fields import TranslatedField

    columns = {}
    for key, value in values.items():
        if isinstance(getattr(model, key, None), TranslatedField):
            english, japanese = value if isinstance(value, tuple) else (value, value)
            columns[f"{key}_en"], columns[f"{key}_ja"] = english, japanese
        else:
            columns[key] = value
    return columns


def build(scale):
    import django

    django.setup()
    from deployments.choices import DisasterType, Team
    from deployments.models import DisasterDeployment, ExpertDispatch
    from pages.models import Block, Page, Section, Status
    from programs.models import AnnualFigure, Program, Scheme

    schemes, per_scheme, years, deployments, dispatches, pages = SCALES[scale]
    first_year = 2024 - years + 1

    scheme_rows = Scheme.objects.bulk_create(
        Scheme(
            **fields(
                Scheme,
                name=(f"Scheme {s}", f"研修区分{s}"),
                slug=f"scheme-{s}",
                display_order=s,
                description=TEXT,
            )
        )
        for s in range(schemes)
    )
    programs = Program.objects.bulk_create(
        Program(
            **fields(
                Program,
                name=(f"Program {s}-{p} for police officers", f"警察官のための研修{s}-{p}"),
                slug=f"program-{s}-{p}",
                scheme=scheme,
                display_order=p,
                published=True,
                description=TEXT,
            )
        )
        for s, scheme in enumerate(scheme_rows)
        for p in range(per_scheme)
    )
    AnnualFigure.objects.bulk_create(
        (
            AnnualFigure(
                program=program,
                year=first_year + y,
                participants=10 + (i * 7 + y) % 40,
                countries=1 + (i + y) % 10,
            )
            for i, program in enumerate(programs)
            for y in range(years)
        ),
        batch_size=5000,
    )

    teams = list(Team)
    disasters = list(DisasterType)
    combos = itertools.product(range(1987, 2025), range(1, 13), COUNTRIES, teams)
    DisasterDeployment.objects.bulk_create(
        (
            DisasterDeployment(
                **fields(
                    DisasterDeployment,
                    year=year,
                    month=month,
                    country=country,
                    team=team,
                    disaster=disasters[i % len(disasters)],
                    persons=1 + i % 60,
                    place=(f"Place {i}", f"地点{i}"),
                    summary=TEXT,
                )
            )
            for i, (year, month, country, team) in zip(range(deployments), combos, strict=False)
        ),
        batch_size=2000,
    )
    ExpertDispatch.objects.bulk_create(
        ExpertDispatch(
            **fields(
                ExpertDispatch,
                country=COUNTRIES[i % len(COUNTRIES)],
                start_year=1990 + i % 34,
                end_year=1990 + i % 34 + i % 3,
                field_of_work=(f"Field of work {i}", f"分野{i}"),
                long_term_experts=1 + i % 3,
                description=TEXT,
            )
        )
        for i in range(dispatches)
    )

    home = Page.objects.create(
        **fields(Page, title=("Home", "ホーム"), slug="home", status=Status.PUBLISHED)
    )
    Section.objects.create(**fields(Section, page=home, body=TEXT, order=1))
    Section.objects.create(page=home, block=Block.KEY_FIGURES, order=2)
    for n in range(pages - 1):
        page = Page.objects.create(
            **fields(
                Page,
                title=(f"Page {n}", f"ページ{n}"),
                slug=f"page-{n}",
                summary=("A page about the work.", "活動についてのページ。"),
                status=Status.PUBLISHED,
                show_in_navigation=n < 5,
                navigation_order=n,
            )
        )
        Section.objects.bulk_create(
            Section(
                **fields(
                    Section,
                    page=page,
                    heading=(
                        f"Part {k}: [[jdr.deployments]] deployments",
                        f"第{k}部：派遣[[jdr.deployments]]回",
                    ),
                    body=tuple(
                        f"## Facts\n\n{text}\n\n- [[jdr.persons]] persons\n- {text}\n"
                        for text in TEXT
                    ),
                    order=k,
                )
            )
            for k in range(1, 4)
        )
        if n == 0:
            Section.objects.create(page=page, block=Block.KEY_FIGURES, order=4)
    print(
        f"{scale}: {AnnualFigure.objects.count()} figures, "
        f"{DisasterDeployment.objects.count()} deployments, "
        f"{ExpertDispatch.objects.count()} dispatches, {Page.objects.count()} pages"
    )


if __name__ == "__main__":
    build(sys.argv[1])
