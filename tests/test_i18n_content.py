"""Texts in two languages on one record: display with fallback, admin, history, files, search."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from deployments.resources import DisasterDeploymentResource
from programs.models import Program, Scheme
from programs.resources import AnnualFigureResource

from .builders import deployment, make_figure, make_page, make_program, make_section
from .editorial_helpers import confirm, csv_bytes, export, read_csv, statuses, upload

pytestmark = pytest.mark.django_db

FIGURES = "programs_annualfigure"
DEPLOYMENTS = "deployments_disasterdeployment"


def get(client, language, name, *args, **query):
    with translation.override(language):
        url = reverse(name, args=args)
    return client.get(url, query).content.decode()


def h1(html):
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()


# Fallback display.


def test_a_missing_japanese_name_shows_the_english_one_marked_as_english(client):
    program = make_program("Forensic Science")
    make_figure(program)
    heading = h1(get(client, "ja", "programs:detail", program.slug))
    assert heading.startswith('<span lang="en">Forensic Science</span>')
    assert 'class="not-translated"' in heading
    assert "(not translated yet)" in heading or "未翻訳" in heading


def test_a_translated_name_is_shown_without_a_note(client):
    program = make_program("Forensic Science", name_ja="鑑識")
    make_figure(program)
    assert h1(get(client, "ja", "programs:detail", program.slug)) == "鑑識"
    assert h1(get(client, "en", "programs:detail", program.slug)) == "Forensic Science"


def test_a_section_written_only_in_japanese_is_marked_on_the_english_page(client):
    page = make_page("About", slug="about", title_ja="概要")
    make_section(page, heading="", heading_ja="沿革", body="", body_ja="1985年に発足。")
    english = get(client, "en", "pages:page", "about")
    assert '<span lang="ja">沿革</span>' in english
    assert '<div lang="ja"><p>1985年に発足。</p></div>' in english
    assert '<p class="not-translated">(not translated yet)</p>' in english
    japanese = get(client, "ja", "pages:page", "about")
    assert h1(japanese) == "概要"
    assert "沿革</h2>" in japanese and 'lang="ja">沿革' not in japanese


def test_a_heading_is_never_empty(client):
    page = make_page("About", slug="about")
    make_section(page, heading="History", body="")
    html = get(client, "ja", "pages:page", "about")
    assert re.search(r"<h2[^>]*>\s*</h2>", html) is None
    assert '<span lang="en">History</span>' in html


def test_reading_a_field_gives_the_active_language_then_the_other(db):
    program = make_program("Forensic Science")
    with translation.override("ja"):
        assert program.name == "Forensic Science"
        program.name_ja = "鑑識"
        assert program.name == "鑑識"
    with translation.override("en"):
        assert program.name == "Forensic Science"


# Admin: both languages side by side.


def test_the_admin_form_shows_both_languages_on_one_row_with_labels(staff_client):
    program = make_program("Forensic Science")
    html = staff_client.get(reverse("admin:programs_program_change", args=[program.pk])).content
    html = html.decode()
    row = re.search(
        r'<div class="form-row[^"]*field-name_en field-name_ja.*?</fieldset>', html, re.S
    )
    assert row, "name_en and name_ja share one form row"
    assert "name (English)" in html.replace("Name (English)", "name (English)")
    assert 'name="name_ja"' in html


def test_staff_edit_both_languages_in_one_save(staff_client):
    program = make_program("Forensic Science")
    url = reverse("admin:programs_program_change", args=[program.pk])
    form = staff_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {key: "" if value is None else value for key, value in data.items()}
    data.update(
        {
            "name_ja": "鑑識",
            "description_en": "Identification.",
            "description_ja": "鑑識技術。",
            "figures-TOTAL_FORMS": "0",
            "figures-INITIAL_FORMS": "0",
            "figures-MIN_NUM_FORMS": "0",
            "figures-MAX_NUM_FORMS": "1000",
        }
    )
    assert staff_client.post(url, data).status_code == 302
    program.refresh_from_db()
    assert (program.name_en, program.name_ja) == ("Forensic Science", "鑑識")
    assert (program.description_en, program.description_ja) == ("Identification.", "鑑識技術。")
    assert (
        staff_client.get(reverse("admin:programs_program_changelist"), {"q": "鑑識"})
        .context["cl"]
        .result_count
        == 1
    )


def test_a_japanese_name_is_unique_when_given(db):
    make_program("First", name_ja="研修")
    second = Program(name_en="Second", name_ja="研修", scheme=Scheme.objects.get())
    with pytest.raises(Exception, match="Japanese name"):
        second.full_clean()
    # Blank Japanese names do not clash.
    make_program("Third")
    make_program("Fourth")


def test_the_slug_comes_from_the_english_name_even_in_japanese(db):
    with translation.override("ja"):
        program = Program(
            name_en="Cyber Crime", name_ja="サイバー犯罪", scheme=make_program().scheme
        )
        program.full_clean()
        program.save()
    assert program.slug == "cyber-crime"


# History and revert keep both languages.


def test_history_records_both_languages_and_revert_restores_both(staff_client):
    program = make_program("Forensic Science", name_ja="鑑識")
    first = program.history.latest()
    assert (first.name_en, first.name_ja) == ("Forensic Science", "鑑識")
    program.name_en, program.name_ja = "Forensic Science II", "鑑識（改）"
    program.save()
    url = reverse("admin:programs_program_simple_history", args=[program.pk, first.pk])
    form = staff_client.get(url).context["adminform"].form
    assert (form["name_en"].value(), form["name_ja"].value()) == ("Forensic Science", "鑑識")
    data = {name: form[name].value() for name in form.fields}
    data = {key: "" if value is None else value for key, value in data.items()}
    data.update(
        {
            "figures-TOTAL_FORMS": "0",
            "figures-INITIAL_FORMS": "0",
            "figures-MIN_NUM_FORMS": "0",
            "figures-MAX_NUM_FORMS": "1000",
        }
    )
    assert staff_client.post(url, data).status_code == 302
    program.refresh_from_db()
    assert (program.name_en, program.name_ja) == ("Forensic Science", "鑑識")
    latest = program.history.latest()
    assert (latest.name_en, latest.name_ja) == ("Forensic Science", "鑑識")


# Import and export carry both languages.


def test_exports_carry_both_languages_columns(staff_client):
    program = make_program("Forensic Science", name_ja="鑑識")
    make_figure(program, note="held online", note_ja="オンライン開催")
    deployment(place="Kahramanmaraş", place_ja="カフラマンマラシュ", summary="Rescue.")
    figures = read_csv(export(staff_client, FIGURES, AnnualFigureResource))
    assert figures[0]["program"] == "Forensic Science"
    assert figures[0]["program_ja"] == "鑑識"
    assert (figures[0]["note"], figures[0]["note_ja"]) == ("held online", "オンライン開催")
    rows = read_csv(export(staff_client, DEPLOYMENTS, DisasterDeploymentResource))
    assert (rows[0]["place"], rows[0]["place_ja"]) == ("Kahramanmaraş", "カフラマンマラシュ")
    assert (rows[0]["summary"], rows[0]["summary_ja"]) == ("Rescue.", "")


def test_import_writes_both_languages_and_old_files_still_import(staff_client):
    make_program("Forensic Science", name_ja="鑑識")
    header = ["program", "year", "participants", "countries", "note", "note_ja"]
    content = csv_bytes(header, [["鑑識", 2021, 5, 3, "online", "オンライン"]])
    preview = upload(staff_client, FIGURES, content, "figures.csv")
    assert statuses(preview) == ["new"]
    confirm(staff_client, FIGURES, preview)
    figure = Program.objects.get().figures.get(year=2021)
    assert (figure.note_en, figure.note_ja) == ("online", "オンライン")
    # A file from before the Japanese columns: the English note only, the Japanese one kept.
    old = csv_bytes(header[:5], [["Forensic Science", 2021, 5, 3, "held online"]])
    confirm(staff_client, FIGURES, upload(staff_client, FIGURES, old, "old.csv"))
    figure.refresh_from_db()
    assert (figure.note_en, figure.note_ja) == ("held online", "オンライン")


def test_the_tidy_csv_keeps_its_names_and_adds_the_japanese_names(client):
    make_figure(make_program("Forensic Science", name_ja="鑑識"))
    with translation.override("ja"):
        response = client.get(reverse("programs:figures_csv"))
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == (
        "program,scheme,year,participants,countries,program_ja,scheme_ja,provisional"
    )
    assert lines[1].startswith("Forensic Science,Police-run programs,2019,")
    assert lines[1].endswith(",鑑識,,False")


# Search finds Japanese words in Japanese text.


def search(client, language, text):
    with translation.override(language):
        response = client.get(reverse("pages:search"), {"q": text})
    return response.context["groups"]


def titles(groups, slug):
    return [result.title for group in groups if group.slug == slug for result in group.results]


def test_a_japanese_substring_finds_japanese_text(client):
    page = make_page("Disaster relief", slug="relief", title_ja="国際緊急援助隊の派遣")
    make_section(page, heading="Teams", body="Sent abroad.", body_ja="国際緊急援助隊に参加した。")
    assert titles(search(client, "ja", "援助隊"), "pages") == ["国際緊急援助隊の派遣"]
    # The English page finds it too, by its Japanese words.
    assert titles(search(client, "en", "援助隊"), "pages") == ["Disaster relief"]


def test_the_japanese_country_name_finds_the_turkiye_deployment(client):
    deployment(year=2023, month=2, country="TR", persons=23)
    deployment(year=2015, month=4, country="NP", persons=1)
    groups = search(client, "ja", "トルコ")
    assert [group.count for group in groups if group.slug == "deployments"] == [1]
    groups = search(client, "en", "トルコ")
    assert [group.count for group in groups if group.slug == "deployments"] == [1]


def test_each_language_lists_matches_in_its_own_language_first(client):
    make_program("Alpha community policing", name_ja="地域警察A")
    make_program("Beta training", name_ja="地域警察の研修B")
    make_program("Gamma", name_ja="ガンマ", description="About 地域警察 in English text.")
    found = titles(search(client, "ja", "地域警察"), "programs")
    assert found[:2] == ["地域警察A", "地域警察の研修B"]
    assert found[2] == "ガンマ"
    found = titles(search(client, "en", "policing"), "programs")
    assert found == ["Alpha community policing"]


# The translation status page.


def status_page(client):
    return client.get(reverse("translation_status"))


def program_rows(client):
    statuses = status_page(client).context["statuses"]
    return next(status.rows for status in statuses if status.key == "program")


def test_the_admin_home_links_the_translation_status_page(staff_client):
    html = staff_client.get(reverse("admin:index")).content.decode()
    assert f'href="{reverse("translation_status")}"' in html


def test_the_translation_status_page_is_for_staff_only(client):
    response = status_page(client)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_translation_status_lists_missing_translations_with_links(staff_client):
    untranslated = make_program("Forensic Science")
    done = make_program("Cyber Crime", name_ja="サイバー犯罪")
    page = make_page("About", slug="about", title_ja="概要")
    section = make_section(page, heading="", heading_ja="沿革", body="")
    response = status_page(staff_client)
    assert response.status_code == 200
    html = response.content.decode()
    program_url = reverse("admin:programs_program_change", args=[untranslated.pk])
    section_url = reverse("admin:pages_section_change", args=[section.pk])
    assert f'href="{program_url}"' in html
    assert f'href="{section_url}"' in html
    assert reverse("admin:programs_program_change", args=[done.pk]) not in html
    assert reverse("admin:pages_page_change", args=[page.pk]) not in html
    by_model = {
        status.model._meta.model_name: status.rows for status in response.context["statuses"]
    }
    [row] = by_model["program"]
    assert [(p.field, p.language, p.missing) for p in row.problems] == [("name", "ja", True)]
    [row] = by_model["section"]
    assert [(p.field, p.language, p.missing) for p in row.problems] == [("heading", "en", True)]


def test_translation_status_lists_a_text_changed_after_its_translation(staff_client):
    program = make_program("Forensic Science", name_ja="鑑識")
    assert program_rows(staff_client) == []
    program.name_en = "Forensic Science and Identification"
    program.save()
    [row] = program_rows(staff_client)
    [problem] = row.problems
    assert (problem.field, problem.language, problem.missing) == ("name", "ja", False)
    assert problem.changed_on > problem.edited_on
    # Updating the Japanese clears it.
    program.name_ja = "鑑識・識別"
    program.save()
    assert program_rows(staff_client) == []


def test_adding_a_translation_later_is_not_a_stale_translation(staff_client):
    program = make_program("Forensic Science")
    program.name_ja = "鑑識"
    program.save()
    assert program_rows(staff_client) == []
