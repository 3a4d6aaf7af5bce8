"""Sample content: the home introduction, the Center's page and the International Cooperation
pages, written for this site from the facts of the NPA's English pages, and the site's own
pages of the footer (contact, accessibility, privacy, terms of use).

Every number that the database knows is a `[[placeholder]]` or a live data block, never typed.
`load()` creates the pages (with their sections) only when there is no page yet, so staff
edits, deleted pages and sections and unpublished pages stay as staff left them on a re-run.
"""

from programs.models import Scheme
from programs.sample_data import SCHEME as PROGRAMS_SCHEME

from .models import HOME_SLUG, Block, Page, Status

HOME = {
    "slug": HOME_SLUG,
    "title": "Japan's police and international cooperation",
    "summary": (
        "How Japan's National Police Agency trains officers from other countries, sends "
        "experts abroad and joins disaster relief teams, with figures kept up to date."
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
    "menu_label": "Research and Training Center",
    "summary": (
        "The National Police Agency's center for international investigation skills and "
        "police cooperation: training for Japanese officers and for officers from abroad."
    ),
    "show_in_navigation": True,
    "navigation_order": 20,
    "sections": [
        {
            "heading": "From institute to center",
            "body": (
                "The center opened in **April 1985** under another name: the International "
                "Research and Training Institute for Criminal Investigation.\n\n"
                "Its present form dates from **April 2006**, when its task grew to cover "
                "international police cooperation as a whole, above all technical assistance "
                "to other countries and the transfer of police know-how.\n\n"
                "Besides teaching, the center researches the questions that international "
                "police work raises."
            ),
        },
        {
            "heading": "Courses for Japanese police officers",
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
        },
        {
            "heading": "Courses for officers from abroad",
            "body": (
                "Police agencies elsewhere take a close interest in how Japan's police are "
                "managed, in the koban system, and in Japanese investigation and "
                "identification techniques, and they ask for these to be shared.\n\n"
                "The center answers with international seminars, some of its own and some run "
                "with the Japan International Cooperation Agency (JICA). The "
                "[training programs](/programs/) page lists them with their yearly figures."
            ),
        },
    ],
}

COOPERATION = {
    "slug": "international-cooperation",
    "title": "International cooperation",
    "summary": (
        "Technical assistance to other countries' police: training in Japan, experts sent "
        "abroad, and police officials in Japan Disaster Relief teams."
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
        },
        {"heading": "At a glance", "block": Block.KEY_FIGURES},
    ],
}

TECHNICAL_ASSISTANCE = {
    "slug": "technical-assistance",
    "title": "Technical assistance",
    "summary": (
        "Why Japan's police cooperate with other countries, and what they do: training "
        "programs, expert dispatches, and disaster relief."
    ),
    # Listed in the menu under International cooperation.
    "show_in_navigation": True,
    "navigation_order": 10,
    "sections": [
        {
            "heading": "Promoting cooperation",
            "body": (
                "Many countries, most of them developing countries, ask Japan's police for "
                "technical cooperation, drawn by the methods and techniques the Japanese "
                "police developed themselves.\n\n"
                "The aim is simple: partner countries should become better able to fight "
                "crime and terrorism. Japan's police mean to keep widening this cooperation."
            ),
        },
        {
            "heading": "Training programs",
            "body": (
                "Officers from developing countries come to Japan for courses such as "
                "organization management for senior officers or community policing. Some "
                "courses are run with JICA, others by the police alone.\n\n"
                "The table below gives, for each JICA group program, how many officers took "
                "part each year and from how many countries. Years without a figure mean the "
                "program did not run."
            ),
            "block": Block.PROGRAMS_TABLE,
            "scheme_slug": PROGRAMS_SCHEME["slug"],
        },
        {
            "heading": "Dispatch of experts",
            "body": (
                "Japanese police experts also go abroad, for short visits or for years, and "
                "work beside the police they advise.\n\n"
                "Examples: community policing advice in Timor-Leste; judo instructors in "
                "Türkiye who trained Afghan officers at a course hosted by the Turkish police, "
                "followed by short-term experts supporting training for young Afghan "
                "policewomen; and long- and short-term experts in Indonesia who shared "
                "investigation know-how and introduced the koban system."
            ),
            "block": Block.EXPERT_DISPATCHES,
        },
        {
            "heading": "Supporting reform of the Indonesian National Police",
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
        },
        {
            "heading": "Japan Disaster Relief teams",
            "body": (
                "After a large disaster abroad, police officials can join a Japan Disaster "
                "Relief (JDR) team, to search collapsed buildings for survivors or to help "
                "identify the dead. Each deployment is listed below with its own figures."
            ),
            "block": Block.DISASTER_RELIEF,
        },
    ],
}


# The site's own pages, linked from every page's footer. Staff adapt them in the admin.
CONTACT = {
    "slug": "contact",
    "title": "Contact",
    "summary": "Where to send questions about this site and its figures.",
    "show_in_footer": True,
    "navigation_order": 10,
    "sections": [
        {
            "body": (
                "This site is published by the National Police Agency of Japan (NPA), "
                "2-1-2 Kasumigaseki, Chiyoda-ku, Tokyo 100-8974, Japan.\n\n"
                "Please tell us about a figure that looks wrong, a broken link or a page you "
                "cannot use: write which page it is and what you expected to find. We read "
                "every message; questions about individual police cases cannot be answered "
                "here.\n\n"
                "*Sample text: staff replace it with the office's own email address and "
                "telephone number.*"
            ),
        },
    ],
}

ACCESSIBILITY = {
    "slug": "accessibility",
    "title": "Accessibility statement",
    "summary": (
        "How this site is built to be usable by everyone, how it is checked, and its known gaps."
    ),
    "show_in_footer": True,
    "navigation_order": 20,
    "sections": [
        {
            "heading": "Our aim",
            "body": (
                "We aim to meet level AA of JIS X 8341-3:2016, the Japanese Industrial "
                "Standard for web accessibility, which matches WCAG 2.1 level AA.\n\n"
                "- Every page works with a keyboard alone, with a visible focus outline and a "
                "link to skip to the main content.\n"
                "- Pages work from 320 pixels wide and when the text is enlarged to 200%.\n"
                "- Each chart has a table beside it with the same numbers, and a text "
                "description for screen readers; color is never the only cue.\n"
                "- Pages need no JavaScript."
            ),
        },
        {
            "heading": "How we check",
            "body": (
                "Every change to the site is tested automatically in a browser with the axe "
                "accessibility checker, at phone and desktop widths, and every page type is "
                "checked against the HTML standard. Keyboard use is tested too."
            ),
        },
        {
            "heading": "Known gaps",
            "body": (
                "The wide tables scroll sideways on small screens. The downloads are CSV "
                "files, which some screen readers present cell by cell. If something on this "
                "site is hard to use, please tell us through the contact page."
            ),
        },
    ],
}

PRIVACY = {
    "slug": "privacy",
    "title": "Privacy",
    "summary": "What this site records about visitors: very little, and nothing for advertising.",
    "show_in_footer": True,
    "navigation_order": 30,
    "sections": [
        {
            "body": (
                "Reading this site sets no cookie and runs no analytics or advertising "
                "script.\n\n"
                "Like any web server, ours keeps a log of requests (address, time, page "
                "asked for) to keep the site secure and working. The log is not used to "
                "identify visitors and is deleted after a limited time.\n\n"
                "Staff who sign in to edit the site receive a session cookie, and failed "
                "sign-ins are recorded with their address to stop password guessing."
            ),
        },
    ],
}

TERMS = {
    "slug": "terms-of-use",
    "title": "Terms of use",
    "summary": "The figures and texts of this site may be reused freely, with credit.",
    "show_in_footer": True,
    "navigation_order": 40,
    "sections": [
        {
            "heading": "Reusing the content",
            "body": (
                "You may copy, publish, translate, adapt and reuse the figures, tables and "
                "texts of this site, commercially too, under the Government of Japan "
                "Standard Terms of Use (Version 2.0), the terms Japanese ministries publish "
                "their content under. These terms are compatible with the [Creative Commons "
                "Attribution 4.0 International license (CC BY "
                "4.0)](https://creativecommons.org/licenses/by/4.0/): content reused under "
                "them may also be reused under CC BY 4.0."
            ),
        },
        {
            "heading": "Crediting the source",
            "body": (
                "Name the source, for example: “Source: National Police Agency of Japan, "
                "International Cooperation portal”, with a link to the page. If you changed "
                "the content, say so, and do not present your version as the National Police "
                "Agency's own.\n\n"
                "Rows taken from another organization's page link to it; reuse of those "
                "pages follows that organization's terms."
            ),
        },
    ],
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
        title_en=spec["title"],
        summary_en=spec["summary"],
        status=Status.PUBLISHED,
        menu_label_en=spec.get("menu_label", ""),
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
            heading_en=section_spec.get("heading", ""),
            body_en=section_spec.get("body", ""),
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
