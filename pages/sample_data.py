"""Sample content: the home introduction, the Center's page and the International Cooperation
pages, written for this site from the facts of the NPA's English pages, and the site's own
pages of the footer (contact, accessibility, privacy, terms of use).

Every number that the database knows is a `[[placeholder]]` or a live data block, never typed.
`load()` creates the pages (with their sections) only when there is no page yet, so staff
edits, deleted pages and sections and unpublished pages stay as staff left them on a re-run.
"""

from core.sample_data import add_japanese as fill
from core.sample_data import japanese_texts
from programs.models import Scheme
from programs.sample_data import SCHEME as PROGRAMS_SCHEME

from .models import HOME_SLUG, Block, Page, Status
from .sample_site_pages import ACCESSIBILITY, CONTACT, PRIVACY, TERMS

# An earlier sample text, still in databases loaded before it changed, with its Japanese: such a
# database gets this Japanese (see core.sample_data.add_japanese).
TRAINING_BODY_WITH_LEGEND = (
    "Officers from developing countries come to Japan for courses such as "
    "organization management for senior officers or community policing. Some "
    "courses are run with JICA, others by the police alone.\n\n"
    "The table below gives, for each JICA group program, how many officers took "
    "part each year and from how many countries. Years without a figure mean the "
    "program did not run.",
    "開発途上国の警察官を日本に招き、上級幹部向けの組織運営や地域警察などの研修を"
    "行っています。JICAと連携して行う研修のほか、警察が単独で行う研修もあります。\n\n"
    "下の表は、JICA課題別研修の研修ごとに、各年の参加人数と参加国数を示したもの"
    "です。数字のない年は、その研修が実施されなかった年です。",
)

HOME = {
    "slug": HOME_SLUG,
    "title": "Japan's police and international cooperation",
    "title_ja": "日本の警察の国際協力",
    "summary": (
        "How Japan's National Police Agency trains officers from other countries, sends "
        "experts abroad and joins disaster relief teams, with figures kept up to date."
    ),
    "summary_ja": (
        "警察庁が行う外国の警察官の研修、専門家の海外派遣、国際緊急援助隊への参加を、"
        "常に最新の数字とともに紹介します。"
    ),
    "sections": [
        {
            "body": (
                "Police forces in many countries ask Japan's police to share what they have "
                "learned: how the neighborhood *koban* works, how investigations are run, how "
                "evidence is identified. This site gathers that work in one place.\n\n"
                "Every figure on this site, the key figures on this page included, is counted "
                "from the records at the moment you open the page, so none of them goes out of "
                "date."
            ),
            "body_ja": (
                "日本の警察が培ってきた経験を学びたいという声が、多くの国の警察から寄せられて"
                "います。地域に根ざした「交番」の仕組み、捜査の進め方、証拠の鑑識などです。"
                "このサイトでは、こうした国際協力の取組をまとめて紹介しています。\n\n"
                "このページの主な数値をはじめ、サイトに載せている数字はすべて、ページを開いた"
                "時点の記録から集計しています。そのため、古い数字のまま残ることはありません。"
            ),
        },
    ],
}

CENTER = {
    "slug": "research-and-training-center",
    # The official name in full; the menu and the breadcrumbs use the short label.
    "title": (
        "Research and Training Center for International Criminal Investigation and Police "
        "Cooperation"
    ),
    # Official (glossary): the center's Japanese name is also its short form.
    "title_ja": "警察大学校国際警察センター",
    "menu_label": "Research and Training Center",
    "menu_label_ja": "国際警察センター",
    "summary": (
        "The National Police Agency's center for international investigation skills and "
        "police cooperation: training for Japanese officers and for officers from abroad."
    ),
    "summary_ja": (
        "警察大学校に置かれ、国際捜査と国際警察協力に関する研修と調査研究を行う機関です。"
        "日本の警察職員と外国の警察職員の双方に研修を行っています。"
    ),
    "show_in_navigation": True,
    "navigation_order": 20,
    "sections": [
        {
            "heading": "From institute to center",
            "heading_ja": "国際捜査研修所から国際警察センターへ",
            "body": (
                "The center opened in **April 1985** under another name: the International "
                "Research and Training Institute for Criminal Investigation.\n\n"
                "Its present form dates from **April 2006**, when its task grew to cover "
                "international police cooperation as a whole, above all technical assistance "
                "to other countries and the transfer of police know-how.\n\n"
                "Besides teaching, the center researches the questions that international "
                "police work raises."
            ),
            "body_ja": (
                "センターの前身は、**1985年（昭和60年）4月**に設置された警察大学校国際捜査"
                "研修所です。\n\n"
                "**2006年（平成18年）4月**、外国への技術協力や警察の知識・技術の移転をはじめ、"
                "国際警察協力の全般に役割を広げ、現在の国際警察センターとなりました。\n\n"
                "研修のほか、国際的な警察活動をめぐる課題の調査研究も行っています。"
            ),
        },
        {
            "heading": "Courses for Japanese police officers",
            "heading_ja": "日本の警察職員のための研修",
            "body": (
                "Offences by visitors from abroad are rising, and investigating them takes "
                "more than the usual methods. An officer on such a case may need:\n\n"
                "- a working command of a foreign language;\n"
                "- knowledge of immigration control and of mutual legal assistance between "
                "states;\n"
                "- the treaties on criminal procedure, and the law of Japan and of other "
                "countries.\n\n"
                "The center's language and investigation courses build these skills. Officers "
                "about to serve abroad as police technical experts also attend its seminars "
                "on international cooperation first."
            ),
            "body_ja": (
                "来日外国人による犯罪が増えており、その捜査には通常とは異なる手法が求められ"
                "ます。こうした事件を担当する警察官には、例えば次の知識・能力が必要です。\n\n"
                "- 外国語を実務で使いこなす力\n"
                "- 出入国管理や国際捜査共助に関する知識\n"
                "- 刑事手続に関する条約、日本と外国の法制度\n\n"
                "センターは、語学研修や国際捜査の研修を通じてこれらの力を養い、国際捜査官を"
                "育成しています。警察の技術専門家として海外に赴任する職員も、赴任前にセンター"
                "の国際協力セミナーで学びます。"
            ),
        },
        {
            "heading": "Courses for officers from abroad",
            "heading_ja": "外国の警察職員のための研修",
            "body": (
                "Police agencies elsewhere take a close interest in how Japan's police are "
                "managed, in the koban system, and in Japanese investigation and "
                "identification techniques, and they ask for these to be shared.\n\n"
                "The center answers with international seminars, some of its own and some run "
                "with the Japan International Cooperation Agency (JICA). The "
                "[training programs](/programs/) page lists them with their yearly figures."
            ),
            "body_ja": (
                "日本の警察の組織運営、交番制度、捜査手法、犯罪鑑識の技術は、海外の警察機関"
                "から高い関心を集めており、その移転を求める声が寄せられています。\n\n"
                "センターはこれに応え、独自に、また国際協力機構（JICA）と共同で、外国の警察"
                "職員を対象とする国際セミナーを開いています。各研修の年ごとの実績は"
                "[研修](/ja/programs/)のページに掲載しています。"
            ),
        },
    ],
}

COOPERATION = {
    "slug": "international-cooperation",
    "title": "International cooperation",
    # Official (glossary): the NPA's heading for this work.
    "title_ja": "国際協力",
    "summary": (
        "Technical assistance to other countries' police: training in Japan, experts sent "
        "abroad, and police officials in Japan Disaster Relief teams."
    ),
    "summary_ja": (
        "日本での研修、専門家の派遣、国際緊急援助隊への警察職員の参加を通じた、"
        "外国の警察への技術協力です。"
    ),
    "show_in_navigation": True,
    "navigation_order": 10,
    "sections": [
        {
            "body": (
                "Japan's police help partner countries in three ways: by training their "
                "officers, by sending Japanese experts to work alongside them, and by joining "
                "relief teams after large disasters. The details are on the "
                "[technical assistance](/international-cooperation/technical-assistance/) page."
            ),
            "body_ja": (
                "日本の警察は、三つの方法で相手国を支援しています。相手国の警察官を研修に"
                "受け入れること、日本の専門家を派遣して現地で共に働くこと、そして大規模な"
                "災害の際に援助隊に加わることです。詳しくは"
                "[技術協力](/ja/international-cooperation/technical-assistance/)のページを"
                "ご覧ください。"
            ),
        },
        {"heading": "At a glance", "heading_ja": "主な数値", "block": Block.KEY_FIGURES},
    ],
}

TECHNICAL_ASSISTANCE = {
    "slug": "technical-assistance",
    "title": "Technical assistance",
    # Official (glossary).
    "title_ja": "技術協力",
    "summary": (
        "Why Japan's police cooperate with other countries, and what they do: training "
        "programs, expert dispatches, and disaster relief."
    ),
    "summary_ja": (
        "日本の警察が外国と協力する目的と、研修、専門家の派遣、国際緊急援助活動の"
        "各取組を紹介します。"
    ),
    # Listed in the menu under International cooperation.
    "show_in_navigation": True,
    "navigation_order": 10,
    "sections": [
        {
            "heading": "Promoting cooperation",
            # Official (glossary).
            "heading_ja": "国際協力の推進",
            "body": (
                "Many countries, most of them developing countries, ask Japan's police for "
                "technical cooperation, drawn by the methods and techniques the Japanese "
                "police developed themselves.\n\n"
                "The aim is simple: partner countries should become better able to fight "
                "crime and terrorism. Japan's police mean to keep widening this cooperation."
            ),
            "body_ja": (
                "日本の警察が独自に築いてきた手法や技術への関心は高く、開発途上国を中心に、"
                "多くの国から技術協力の要請が寄せられています。\n\n"
                "協力の目的は、相手国が犯罪やテロに立ち向かう力を高めることにあります。"
                "日本の警察は、今後もこうした協力を積極的に広げていきます。"
            ),
        },
        {
            "heading": "Training programs",
            # Official (glossary): the NPA's present heading for this work.
            "heading_ja": "研修員の受入れ",
            "body": (
                "Officers from developing countries come to Japan for courses such as "
                "organization management for senior officers or community policing. Some "
                "courses are run with JICA, others by the police alone.\n\n"
                "The table below gives, for each JICA group program, how many officers took "
                "part each year and from how many countries."
            ),
            "body_ja": (
                "開発途上国の警察官を日本に招き、上級幹部向けの組織運営や地域警察などの研修を"
                "行っています。JICAと連携して行う研修のほか、警察が単独で行う研修もあります。"
                "\n\n"
                "下の表は、JICA課題別研修の研修ごとに、各年の参加人数と参加国数を示したもの"
                "です。"
            ),
            # The table's own legend says what a blank year means; the text said it too.
            "earlier": {"body": [TRAINING_BODY_WITH_LEGEND]},
            "block": Block.PROGRAMS_TABLE,
            "scheme_slug": PROGRAMS_SCHEME["slug"],
        },
        {
            "heading": "Dispatch of experts",
            # Official (glossary).
            "heading_ja": "専門家の派遣",
            "body": (
                "Japanese police experts also go abroad, for short visits or for years, and "
                "work beside the police they advise.\n\n"
                "Examples: community policing advice in Timor-Leste; judo instructors in "
                "Türkiye who trained Afghan officers at a course hosted by the Turkish police, "
                "followed by short-term experts supporting training for young Afghan "
                "policewomen; and long- and short-term experts in Indonesia who shared "
                "investigation know-how and introduced the koban system."
            ),
            "body_ja": (
                "日本の警察の専門家は海外にも赴き、短期間、あるいは数年にわたって、相手国の"
                "警察と共に働きながら助言を行っています。\n\n"
                "例えば、東ティモールでは地域警察活動について助言しました。トルコでは、"
                "トルコ警察が主催する研修でアフガニスタンの警察官に柔道を指導し、その後、"
                "アフガニスタンの若手女性警察官の研修を短期専門家が支援しました。"
                "インドネシアには長期・短期の専門家を派遣し、捜査のノウハウを伝えるとともに、"
                "交番制度の導入を支援しました。"
            ),
            "block": Block.EXPERT_DISPATCHES,
        },
        {
            "heading": "Supporting reform of the Indonesian National Police",
            # Official (glossary).
            "heading_ja": "インドネシア国家警察改革支援",
            "body": (
                "In 2000 Indonesia made its police a body separate from the armed forces, and "
                "its government asked Japan to help the Indonesian National Police (INP) "
                "become a democratic, civilian police.\n\n"
                "Together with JICA, Japan's police sent experts to Indonesia and welcomed "
                "Indonesian officers for training in Japan. One result: in several regions "
                "the INP now trains its own officers in community policing, and Japan's "
                "police have helped it build a nationwide system to keep that training going "
                "on its own."
            ),
            "body_ja": (
                "インドネシアでは2000年に警察が国軍から分離され、同国政府は、インドネシア"
                "国家警察（INP）が民主的な文民警察となるための支援を日本に求めました。\n\n"
                "日本の警察はJICAと連携し、専門家をインドネシアに派遣するとともに、同国の"
                "警察官を研修員として日本に受け入れてきました。その成果として、一部の地域では"
                "INPが自ら地域警察活動の研修を行えるようになりました。日本の警察は、この研修"
                "を全国で自立して続けられる体制づくりも支援しています。"
            ),
        },
        {
            "heading": "Japan Disaster Relief teams",
            # Official (glossary): 国際緊急援助隊 is the JDR's Japanese name.
            "heading_ja": "国際緊急援助隊",
            "body": (
                "After a large disaster abroad, police officials can join a Japan Disaster "
                "Relief (JDR) team, to search collapsed buildings for survivors or to help "
                "identify the dead. Each deployment is listed below with its own figures."
            ),
            "body_ja": (
                "海外で大規模な災害が起きたとき、警察職員は国際緊急援助隊（JDR）に加わり、"
                "倒壊した建物の中から生存者を捜し出し、また亡くなった方の身元確認に当たります。"
                "派遣の一件ごとの人数などは、下の表のとおりです。"
            ),
            "block": Block.DISASTER_RELIEF,
        },
    ],
}


PAGE_TEXTS = ("title", "summary", "menu_label")
SECTION_TEXTS = ("heading", "body")


def _columns(spec, names):
    """The model's columns of a spec's texts: {"title_en": spec["title"], "title_ja": ...}."""
    return {
        f"{name}_{language}": spec.get(name if language == "en" else f"{name}_ja", "")
        for name in names
        for language in ("en", "ja")
    }


def _create_page(spec, parent=None):
    """The page at spec's address, created with its sections if missing: (page, created)."""
    path = f"{parent.path}/{spec['slug']}" if parent else spec["slug"]
    page = Page.objects.filter(path=path).first()
    if page is not None:
        return page, False
    page = Page(
        parent=parent,
        slug=spec["slug"],
        **_columns(spec, PAGE_TEXTS),
        status=Status.PUBLISHED,
        show_in_navigation=spec.get("show_in_navigation", False),
        show_in_footer=spec.get("show_in_footer", False),
        navigation_order=spec.get("navigation_order", 0),
    )
    page.full_clean()
    page.save()
    for order, section_spec in enumerate(spec["sections"], start=1):
        scheme_slug = section_spec.get("scheme_slug")
        section = page.sections.model(
            page=page,
            **_columns(section_spec, SECTION_TEXTS),
            block=section_spec.get("block", ""),
            scheme=Scheme.objects.filter(slug=scheme_slug).first() if scheme_slug else None,
            order=order * 10,
        )
        if section.block == Block.PROGRAMS_TABLE and section.scheme is None:
            continue  # The programs sample data is missing: leave the table out.
        section.full_clean()
        section.save()
    return page, True


def load():
    if Page.objects.exists():
        return {"content pages": 0}
    created = 0
    for spec in (HOME, CENTER, CONTACT, ACCESSIBILITY, PRIVACY, TERMS):
        created += _create_page(spec)[1]
    cooperation, was_created = _create_page(COOPERATION)
    created += was_created
    created += _create_page(TECHNICAL_ASSISTANCE, parent=cooperation)[1]
    return {"content pages": created}


def _sample_section(page, spec):
    """The page's section that a sample spec created: the one with its heading, or for a section
    without a heading, its body (in English, as loaded)."""
    if spec.get("heading"):
        return page.sections.filter(heading_en=spec["heading"]).first()
    return page.sections.filter(heading_en="", body_en=spec.get("body", "")).first()


def add_japanese():
    """The Japanese texts for the sample pages and sections of a database loaded in English
    only: {label: rows given Japanese}. See `core.sample_data.add_japanese`."""
    added = 0
    specs = [(spec, "") for spec in (HOME, CENTER, CONTACT, ACCESSIBILITY, PRIVACY, TERMS)]
    specs += [(COOPERATION, ""), (TECHNICAL_ASSISTANCE, COOPERATION["slug"] + "/")]
    for spec, parent_path in specs:
        page = Page.objects.filter(path=parent_path + spec["slug"]).first()
        if page is None:
            continue  # deleted by staff
        added += fill(page, japanese_texts(spec, PAGE_TEXTS))
        for section_spec in spec["sections"]:
            section = _sample_section(page, section_spec)
            if section is not None:
                added += fill(section, japanese_texts(section_spec, SECTION_TEXTS))
    return {"content pages and sections": added}
