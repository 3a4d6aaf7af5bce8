"""Sample training figures: the 8 JICA co-creation programs of 2016-2020 (30 figures).

`load()` fills an empty database only: once any scheme or program exists, it changes nothing,
so staff edits stay and a program or figure that staff deleted on purpose does not come back.
"""

import csv
from pathlib import Path

from django.utils.text import slugify

from core.sample_data import add_japanese as fill
from core.sample_data import japanese_texts

from .models import AnnualFigure, Program, Scheme

DATA_FILE = Path(__file__).resolve().parent / "data" / "training_program_figures.csv"

# Japanese names: where ../shared/reference/ja_glossary.md found no official name, the name was
# written for this site (marked below); staff can correct it in the admin.
SCHEME = {
    "slug": "jica-knowledge-co-creation",
    "name": "JICA Knowledge Co-Creation Programs (Group & Region Focus)",
    # Official: JICA's own name for these courses (glossary).
    "name_ja": "JICA課題別研修",
    "description": (
        "Group courses in Japan, planned with the Japan International Cooperation Agency, "
        "that bring together police officers from several countries around one subject."
    ),
    "description_ja": (
        "課題別研修は、国際協力機構（JICA）と共に企画し、日本国内で実施する集団研修です。"
        "一つのテーマについて、複数の国の警察官が共に学びます。"
    ),
    "display_order": 1,
}

# Each program by its English name (the reference table's key): its Japanese name and what it is
# about in both languages, written for this site (the source table gives names and figures only).
PROGRAMS = {
    "Organization Management for Senior Police Officers": {
        # Written for this site: no official Japanese title was found (the glossary gives the
        # older 上級警察幹部セミナー and, in the news, 警察幹部組織運営研修).
        "name_ja": "上級警察幹部組織運営",
        "description": (
            "A course for senior commanders of partner police forces on running a police "
            "organization: planning, people and budgets, and keeping the public's trust."
        ),
        "description_ja": (
            "相手国の警察で指揮を執る上級幹部が、計画の立て方、人事と予算の管理、"
            "国民の信頼を得る組織づくりなど、警察組織の運営を学ぶ研修です。"
        ),
    },
    "Community Policing": {
        # Official: the name of the JICA course (glossary).
        "name_ja": "地域警察（コミュニティ・ポリシング）",
        "description": (
            "Officers learn how police boxes (koban) and neighbourhood patrols keep in daily touch "
            "with residents, and how to adapt that way of policing at home."
        ),
        "description_ja": (
            "交番や地域のパトロールを通じて住民と日頃から接する日本の地域警察の仕組みを学び、"
            "自国の実情に合わせて取り入れる方法を考える研修です。"
        ),
    },
    "Control of Drug Offenses": {
        # Written for this site: no official Japanese title was found.
        "name_ja": "薬物犯罪取締り",
        "description": (
            "Investigators study how narcotics trafficking is detected and prosecuted, including "
            "cooperation between countries along smuggling routes."
        ),
        "description_ja": (
            "薬物の密輸・密売をどのように発見し、立件につなげるかを学ぶ研修です。"
            "密輸経路上にある国同士の協力も取り上げます。"
        ),
    },
    "Counter International Terrorism": {
        # Written for this site: no official Japanese title was found (its predecessor was the
        # 国際テロ事件捜査セミナー).
        "name_ja": "国際テロ対策",
        "description": (
            "For officers who prevent and investigate terrorism: protecting likely targets, "
            "sharing intelligence and handling an attack once it has happened."
        ),
        "description_ja": (
            "テロの未然防止と捜査に当たる警察官を対象に、標的となるおそれのある施設の警戒、"
            "情報の共有、発生時の対処を学ぶ研修です。"
        ),
    },
    "Traffic Police Administration": {
        # Written for this site: no official Japanese title was found.
        "name_ja": "交通警察行政",
        "description": (
            "Road safety as police work: traffic control, enforcement, crash investigation and "
            "campaigns that bring the number of road deaths down."
        ),
        "description_ja": (
            "交通規制、交通違反の取締り、交通事故の捜査、交通安全の啓発など、"
            "交通事故による死者を減らすための警察の取組を学ぶ研修です。"
        ),
    },
    "Countermeasures against Cybercrime": {
        # Official: the name of the JICA course (glossary).
        "name_ja": "サイバー犯罪対処能力向上",
        "description": (
            "Police who deal with crime on computers and networks learn to trace offenders online "
            "and to secure digital evidence so that it holds up in court."
        ),
        "description_ja": (
            "コンピュータやネットワークを悪用した犯罪に当たる警察官が、"
            "インターネット上で被疑者を突き止める手法と、裁判に耐えるデジタル証拠の"
            "保全方法を学ぶ研修です。"
        ),
    },
    "International Crime Investigation": {
        # Written for this site: no official Japanese title was found (the 2001 course was the
        # 国際捜査セミナー).
        "name_ja": "国際犯罪捜査",
        "description": (
            "Investigators practise cases that cross borders: requests for assistance to other "
            "countries, extradition and working with international police bodies."
        ),
        "description_ja": (
            "外国への捜査共助の要請、犯罪人の引渡し、国際的な警察機関との連携など、"
            "国境を越える事件の捜査を実践的に学ぶ研修です。"
        ),
    },
    "Criminal Identification": {
        # Written for this site: no official Japanese title was found (the 2001 course was the
        # 国際鑑識セミナー; 犯罪鑑識 is the NPA's word for the field).
        "name_ja": "犯罪鑑識",
        "description": (
            "Crime-scene and laboratory work: fingerprints, traces and other physical evidence, "
            "and the records that let the police identify a suspect from them."
        ),
        "description_ja": (
            "指紋をはじめとする痕跡などの物的証拠を、犯罪現場と鑑定の両面から扱い、"
            "その記録を被疑者の特定に生かす方法を学ぶ研修です。"
        ),
    },
}

TEXTS = ("name", "description")


def _columns(spec):
    """The model's column values of a spec's texts: {"name_en": ..., "name_ja": ...}."""
    return {
        f"{name}_{language}": spec.get(name if language == "en" else f"{name}_ja", "")
        for name in TEXTS
        for language in ("en", "ja")
    }


def load():
    if Scheme.objects.exists() or Program.objects.exists():
        return {"schemes": 0, "programs": 0, "annual figures": 0}
    scheme, scheme_created = Scheme.objects.get_or_create(
        slug=SCHEME["slug"],
        defaults={"display_order": SCHEME["display_order"], **_columns(SCHEME)},
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
                    **_columns({"name": name, **PROGRAMS.get(name, {})}),
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


def add_japanese():
    """The Japanese texts for the sample scheme and programs of a database loaded in English
    only: {label: rows given Japanese}. See `core.sample_data.add_japanese`."""
    added = 0
    scheme = Scheme.objects.filter(slug=SCHEME["slug"]).first()
    if scheme is not None:
        added += fill(scheme, japanese_texts(SCHEME, TEXTS))
    for program in Program.objects.filter(slug__in=[slugify(name) for name in PROGRAMS]):
        name = next(name for name in PROGRAMS if slugify(name) == program.slug)
        added += fill(program, japanese_texts({"name": name, **PROGRAMS[name]}, TEXTS))
    return {"schemes and programs": added}
