"""Sample training figures: the 8 JICA co-creation programs of 2016-2020 (30 figures).

`load()` fills an empty database only: once any scheme or program exists, it changes nothing,
so staff edits stay and a program or figure that staff deleted on purpose does not come back.
"""

import csv
from pathlib import Path

from django.utils.text import slugify

from .models import AnnualFigure, Program, Scheme

DATA_FILE = Path(__file__).resolve().parent / "data" / "training_program_figures.csv"

SCHEME = {
    "slug": "jica-knowledge-co-creation",
    "name_en": "JICA Knowledge Co-Creation Programs (Group & Region Focus)",
    "description_en": (
        "Group courses in Japan, planned with the Japan International Cooperation Agency, "
        "that bring together police officers from several countries around one subject."
    ),
    "display_order": 1,
}


def load():
    if Scheme.objects.exists() or Program.objects.exists():
        return {"schemes": 0, "programs": 0, "annual figures": 0}
    scheme, scheme_created = Scheme.objects.get_or_create(
        slug=SCHEME["slug"], defaults={k: v for k, v in SCHEME.items() if k != "slug"}
    )
    with DATA_FILE.open(newline="", encoding="utf-8") as data:
        rows = list(csv.DictReader(data))

    programs_created, figures_created = 0, 0
    programs = {}  # name -> (Program, created in this run)
    for row in rows:
        name = row["program"]
        if name not in programs:
            program, created = Program.objects.get_or_create(
                slug=slugify(name),
                defaults={
                    "name_en": name,
                    "scheme": scheme,
                    "display_order": len(programs) + 1,
                    "published": True,
                },
            )
            programs[name] = (program, created)
            programs_created += created
        program, created = programs[name]
        if created:
            AnnualFigure.objects.create(
                program=program,
                year=int(row["year"]),
                participants=int(row["participants"]),
                countries=int(row["countries"]),
            )
            figures_created += 1
    return {
        "schemes": int(scheme_created),
        "programs": programs_created,
        "annual figures": figures_created,
    }
