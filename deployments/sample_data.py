"""Sample data: the source page's disaster relief table and expert dispatches.

Reads the copies in `deployments/data/` (the project's reference CSVs). Deployments are loaded
only when there are none yet, and dispatches likewise: a re-run changes nothing, so staff edits
stay and rows that staff deleted on purpose do not come back.
"""

import csv
from pathlib import Path

from django_countries import countries

from .choices import DisasterType, Team
from .models import DisasterDeployment, ExpertDispatch

DATA_DIR = Path(__file__).resolve().parent / "data"

# The source's table has 16 rows and no team column, while its prose counts 16 occasions with
# the rescue team *plus* three with the search support or forensic experts teams: the two do not
# add up. We follow the table (16 rows) and assign teams from what is known of each mission:
# the December 2004 tsunami in Thailand needed victim identification (a forensic experts team)
# and the 2 officials sent to Taiwan in February 2018 supported the search (a search support
# experts team); every other row is a rescue team. The third expert-team occasion the prose
# mentions is not in the table, so it is not here either.
TEAM_BY_ROW = {
    (2004, 12, "TH"): Team.FORENSIC,
    (2018, 2, "TW"): Team.SEARCH_SUPPORT,
}

# Not in the source table, which predates it: the NPA announced 23 police officials with the
# JDR rescue team after the February 2023 earthquake in Türkiye.
EXTRA_DEPLOYMENTS = [
    {
        "year": 2023,
        "month": 2,
        "country": "TR",
        "disaster": DisasterType.EARTHQUAKE,
        "team": Team.RESCUE,
        "persons": 23,
        "summary_en": (
            "Police officials joined the rescue team sent after the earthquakes in the "
            "south-east of the country."
        ),
        # The NPA's own report of this deployment (see the reference glossary).
        "source_url": "https://www.npa.go.jp/bureau/soumu/kokusai/jdr_turkey_2023_01.html",
    },
]

# Our own short descriptions and partners, by (host code, first year).
DISPATCH_DETAILS = {
    ("ID", 2020): {
        "partner_en": "JICA",
        "description_en": (
            "Advisers from the Japanese police helped the Indonesian National Police build up "
            "its crime-fighting capacity and adapt the Koban (neighborhood police box) system."
        ),
    },
    ("TL", 2011): {
        "description_en": (
            "Japanese police experts advised the national police on community policing."
        ),
    },
    ("TL", 2013): {
        "description_en": (
            "A longer period of advice and guidance on community policing for the national police."
        ),
    },
    ("TR", 2011): {
        "description_en": (
            "Judo instructors from the Japanese police taught Afghan police officers during a "
            "training program organized by the Turkish National Police. The number of "
            "instructors is not given."
        ),
    },
    ("TR", 2015): {
        "description_en": (
            "Short-term experts supported a course in Türkiye for young women officers of the "
            "Afghan police. The number of experts is not given."
        ),
    },
}

# Kinds of experts the source's account rules out, by (host code, first year): 0, not "not stated".
# The source gives Indonesia 2020 as a complete total (2 long-term, 1 short-term), so no others; the
# Türkiye dispatches name only the judo instructors (2011) or the short-term experts (2015).
NONE_OF_THESE = {
    ("ID", 2020): ("other_experts",),
    ("TR", 2011): ("long_term_experts", "short_term_experts"),
    ("TR", 2015): ("long_term_experts", "other_experts"),
}

# The reference file has one line per kind of expert; one record holds all kinds of a dispatch.
KIND_FIELDS = {
    "long-term": "long_term_experts",
    "short-term": "short_term_experts",
    "judo instructors": "other_experts",
}
OTHER_ROLES = {"judo instructors": "judo instructors"}


def _code(name):
    code = countries.by_name(name)
    if not code:
        raise ValueError(f"Unknown country name in sample data: {name!r}")
    return code


def _read(filename):
    with open(DATA_DIR / filename, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def deployment_rows():
    """The deployments to load, as dicts of model field values."""
    rows = []
    for line in _read("disaster_relief_deployments.csv"):
        year, month = int(line["year"]), int(line["month"])
        code = _code(line["country_or_region"])
        rows.append(
            {
                "year": year,
                "month": month,
                "country": code,
                "disaster": DisasterType(line["disaster"].strip().lower().replace(" ", "-")),
                "team": TEAM_BY_ROW.get((year, month, code), Team.RESCUE),
                "persons": int(line["persons_dispatched"]),
            }
        )
    return rows + EXTRA_DEPLOYMENTS


def dispatch_rows():
    """The dispatches to load: reference lines of the same dispatch merged into one record."""
    records = {}
    for line in _read("expert_dispatches.csv"):
        host = _code(line["country"])
        beneficiary = _code(line["beneficiary"])
        start, end = int(line["start_year"]), int(line["end_year"])
        key = (host, start, end, beneficiary, line["field"])
        record = records.setdefault(
            key,
            {
                "country": host,
                "beneficiary": "" if beneficiary == host else beneficiary,
                "start_year": start,
                "end_year": None if end == start else end,
                "field_of_work_en": line["field"],
                **DISPATCH_DETAILS.get((host, start), {}),
                **dict.fromkeys(NONE_OF_THESE.get((host, start), ()), 0),
            },
        )
        kind = line["kind"].strip()
        if kind:
            count = line["experts"].strip()
            record[KIND_FIELDS[kind]] = int(count) if count else None
            if kind in OTHER_ROLES:
                record["other_experts_role_en"] = OTHER_ROLES[kind]
    return list(records.values())


def load():
    created = {"disaster relief deployments": 0, "expert dispatches": 0}
    load_deployments = not DisasterDeployment.objects.exists()
    load_dispatches = not ExpertDispatch.objects.exists()
    for row in deployment_rows() if load_deployments else []:
        key = {name: row[name] for name in ("year", "month", "country", "team")}
        if not DisasterDeployment.objects.filter(**key).exists():
            DisasterDeployment.objects.create(**row)
            created["disaster relief deployments"] += 1
    for row in dispatch_rows() if load_dispatches else []:
        key = {name: row[name] for name in ("country", "beneficiary", "start_year")}
        if not ExpertDispatch.objects.filter(**key).exists():
            ExpertDispatch.objects.create(**row)
            created["expert dispatches"] += 1
    return created
