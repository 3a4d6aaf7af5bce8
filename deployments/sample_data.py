"""Sample data: the source page's disaster relief table and expert dispatches.

Reads the copies in `deployments/data/` (the project's reference CSVs). Deployments are loaded
only when there are none yet, and dispatches likewise: a re-run changes nothing, so staff edits
stay and rows that staff deleted on purpose do not come back.
"""

import csv
from pathlib import Path

from django_countries import countries

from core.sample_data import add_japanese as fill

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
        "summary_ja": (
            "トルコ南東部の地震を受けて派遣された国際緊急援助隊救助チームに、"
            "警察職員が加わりました。"
        ),
        # The NPA's own report of this deployment (see the reference glossary).
        "source_url": "https://www.npa.go.jp/bureau/soumu/kokusai/jdr_turkey_2023_01.html",
    },
]

# Our own short descriptions and partners, by (host code, first year), and the Japanese of the
# field of work (the reference file gives it in English). Written for this site; the glossary's
# 警察官訓練指導（柔道） and 女性警察官支援 (Tokyo MPD) name the two dispatches to Türkiye.
DISPATCH_DETAILS = {
    ("ID", 2020): {
        "field_of_work_ja": "犯罪対処能力の向上と交番制度の導入",
        "partner_en": "JICA",
        "partner_ja": "JICA",
        "description_en": (
            "Advisers from the Japanese police helped the Indonesian National Police build up "
            "its crime-fighting capacity and adapt the Koban (neighborhood police box) system."
        ),
        "description_ja": (
            "日本の警察から派遣された専門家が、インドネシア国家警察の犯罪対処能力の向上と、"
            "交番制度の導入を支援しました。"
        ),
    },
    ("TL", 2011): {
        "field_of_work_ja": "地域警察活動に関する助言・指導",
        "description_en": (
            "Japanese police experts advised the national police on community policing."
        ),
        "description_ja": (
            "日本の警察の専門家が、東ティモール国家警察に地域警察活動について助言しました。"
        ),
    },
    ("TL", 2013): {
        "field_of_work_ja": "地域警察活動に関する助言・指導",
        "description_en": (
            "A longer period of advice and guidance on community policing for the national police."
        ),
        "description_ja": (
            "東ティモール国家警察に対し、地域警察活動についての助言と指導を数年にわたって行いました。"
        ),
    },
    ("TR", 2011): {
        "field_of_work_ja": "トルコ警察主催の研修におけるアフガニスタン警察官への柔道指導",
        "description_en": (
            "Judo instructors from the Japanese police taught Afghan police officers during a "
            "training program organized by the Turkish National Police. The number of "
            "instructors is not given."
        ),
        "description_ja": (
            "トルコ国家警察が主催した研修で、日本の警察の柔道指導者がアフガニスタンの警察官に"
            "柔道を指導しました。指導者の人数は示されていません。"
        ),
    },
    ("TR", 2015): {
        "field_of_work_ja": "アフガニスタンの若手女性警察官の研修支援",
        "description_en": (
            "Short-term experts supported a course in Türkiye for young women officers of the "
            "Afghan police. The number of experts is not given."
        ),
        "description_ja": (
            "トルコで行われたアフガニスタンの若手女性警察官の研修を、日本の警察の短期専門家が"
            "支援しました。派遣された専門家の人数は示されていません。"
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
# The role in English and Japanese; 柔道指導者 was written for this site (the glossary's MPD page
# names the work, 警察官訓練指導（柔道）, not the instructors).
OTHER_ROLES = {"judo instructors": ("judo instructors", "柔道指導者")}

# What identifies a sample row in the database.
DEPLOYMENT_KEY = ("year", "month", "country", "team")
DISPATCH_KEY = ("country", "beneficiary", "start_year")


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
                record["other_experts_role_en"], record["other_experts_role_ja"] = OTHER_ROLES[kind]
    return list(records.values())


def load():
    created = {"disaster relief deployments": 0, "expert dispatches": 0}
    load_deployments = not DisasterDeployment.objects.exists()
    load_dispatches = not ExpertDispatch.objects.exists()
    for row in deployment_rows() if load_deployments else []:
        key = {name: row[name] for name in DEPLOYMENT_KEY}
        if not DisasterDeployment.objects.filter(**key).exists():
            DisasterDeployment.objects.create(**row)
            created["disaster relief deployments"] += 1
    for row in dispatch_rows() if load_dispatches else []:
        key = {name: row[name] for name in DISPATCH_KEY}
        if not ExpertDispatch.objects.filter(**key).exists():
            ExpertDispatch.objects.create(**row)
            created["expert dispatches"] += 1
    return created


def _texts(row):
    """{name: (English, Japanese)} of the texts a row gives in Japanese."""
    return {
        column.removesuffix("_ja"): (row.get(column.replace("_ja", "_en"), ""), row[column])
        for column in row
        if column.endswith("_ja")
    }


def add_japanese():
    """The Japanese texts for the sample rows of a database loaded in English only: {label: rows
    given Japanese}. See `core.sample_data.add_japanese`."""
    added = {"disaster relief deployments": 0, "expert dispatches": 0}
    for label, model, rows, key in (
        ("disaster relief deployments", DisasterDeployment, deployment_rows(), DEPLOYMENT_KEY),
        ("expert dispatches", ExpertDispatch, dispatch_rows(), DISPATCH_KEY),
    ):
        for row in rows:
            texts = _texts(row)
            obj = model.objects.filter(**{name: row[name] for name in key}).first()
            if texts and obj is not None:
                added[label] += fill(obj, texts)
    return added
