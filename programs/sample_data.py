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


# What each program is about, written for this site (the source table gives names and figures only).
DESCRIPTIONS = {
    "Organization Management for Senior Police Officers": (
        "A course for senior commanders of partner police forces on running a police "
        "organization: planning, people and budgets, and keeping the public's trust."
    ),
    "Community Policing": (
        "Officers learn how police boxes (koban) and neighbourhood patrols keep in daily touch "
        "with residents, and how to adapt that way of policing at home."
    ),
    "Control of Drug Offenses": (
        "Investigators study how narcotics trafficking is detected and prosecuted, including "
        "cooperation between countries along smuggling routes."
    ),
    "Counter International Terrorism": (
        "For officers who prevent and investigate terrorism: protecting likely targets, "
        "sharing intelligence and handling an attack once it has happened."
    ),
    "Traffic Police Administration": (
        "Road safety as police work: traffic control, enforcement, crash investigation and "
        "campaigns that bring the number of road deaths down."
    ),
    "Countermeasures against Cybercrime": (
        "Police who deal with crime on computers and networks learn to trace offenders online "
        "and to secure digital evidence so that it holds up in court."
    ),
    "International Crime Investigation": (
        "Investigators practise cases that cross borders: requests for assistance to other "
        "countries, extradition and working with international police bodies."
    ),
    "Criminal Identification": (
        "Crime-scene and laboratory work: fingerprints, traces and other physical evidence, "
        "and the records that let the police identify a suspect from them."
    ),
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
                    "description_en": DESCRIPTIONS.get(name, ""),
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
