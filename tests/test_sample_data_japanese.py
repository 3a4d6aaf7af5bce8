"""The sample data in Japanese: every text in both languages, Japanese pages without fallback
notes, search on the Japanese texts, and old English-only databases given their Japanese."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from deployments.models import DisasterDeployment, ExpertDispatch
from editorial.registry import edited_models
from editorial.translations import translated_names
from pages.models import Page, Section
from pages.sample_data import TRAINING_BODY_WITH_LEGEND
from programs.models import Program, Scheme

pytestmark = pytest.mark.django_db


def texts_by_row():
    """[(row, name, English, Japanese)] of every translated text of every row in the database."""
    found = []
    for model in edited_models():
        for row in model._default_manager.all():
            for name in translated_names(model):
                found.append((row, name, getattr(row, f"{name}_en"), getattr(row, f"{name}_ja")))
    return found


def test_every_sample_text_is_written_in_both_languages(sample_site):
    """A text given in one language only, in any translated field of any model (so also in a
    field added later), fails here."""
    texts = texts_by_row()
    assert len({type(row) for row, *_ in texts}) >= 7, "every model with texts has sample rows"
    one_language_only = [
        f"{type(row).__name__} {row.pk} {name}"
        for row, name, english, japanese in texts
        if bool(english) != bool(japanese)
    ]
    assert one_language_only == []


def test_every_program_says_what_it_is_in_both_languages(sample_site, client):
    programs = Program.objects.all()
    assert programs.count() == 8
    for program in programs:
        assert program.description_en and program.description_ja, program.slug
        for language, text in (("ja", program.description_ja), ("en", program.description_en)):
            with translation.override(language):
                html = client.get(program.get_absolute_url()).content.decode()
            assert f"<p>{escape(text)}</p>" in html


def public_addresses():
    """Every public page type of the sample site, as a visitor reaches it."""
    addresses = [page.get_absolute_url() for page in Page.objects.published()]
    addresses += [program.get_absolute_url() for program in Program.objects.published()]
    addresses += [
        reverse("programs:index"),
        reverse("deployments:disaster_relief"),
        reverse("deployments:expert_dispatches"),
        reverse("deployments:country_list"),
    ]
    codes = {str(row.country) for row in DisasterDeployment.objects.all()}
    codes |= {str(row.country) for row in ExpertDispatch.objects.all()}
    addresses += [
        reverse("deployments:country_detail", args=[code.lower()]) for code in sorted(codes)
    ]
    return addresses


@pytest.mark.parametrize("language", ["ja", "en"])
def test_sample_pages_show_no_not_translated_note(sample_site, client, language):
    with translation.override(language):
        addresses = public_addresses()
    assert len(addresses) > 20
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        html = response.content.decode()
        assert "not-translated" not in html, address
        assert "未翻訳" not in html and "not translated yet" not in html, address


def test_japanese_pages_show_the_japanese_content(sample_site, client):
    with translation.override("ja"):
        home = client.get(reverse("pages:home")).content.decode()
        center = client.get(
            Page.objects.get(path="research-and-training-center").get_absolute_url()
        ).content.decode()
        programs = client.get(reverse("programs:index")).content.decode()
    assert "日本の警察の国際協力" in home
    assert re.search(r"<h1[^>]*>\s*警察大学校国際警察センター\s*</h1>", center)
    assert "国際捜査研修所から国際警察センターへ" in center
    assert "JICA課題別研修" in programs and "サイバー犯罪対処能力向上" in programs


def test_the_training_text_leaves_the_blank_years_to_the_table_legend(sample_site, client):
    """The legend under the programs table says what a blank year means; the text above it
    does not say it again, in either language."""
    page = Page.objects.get(path="international-cooperation/technical-assistance")
    for language, said_twice in (("en", "Years without a figure"), ("ja", "数字のない年")):
        with translation.override(language):
            html = client.get(page.get_absolute_url()).content.decode()
        assert "programs-table" in html
        assert said_twice not in html


# Search on the Japanese texts.


def search(client, language, text):
    with translation.override(language):
        response = client.get(reverse("pages:search"), {"q": text})
    return {group.slug: group for group in response.context["groups"]}


def test_a_japanese_word_finds_the_sample_pages_and_deployments(sample_site, client):
    groups = search(client, "ja", "援助隊")
    pages = [result.title for result in groups["pages"].results]
    assert "技術協力" in pages
    # Every deployment was with the Japan Disaster Relief team (国際緊急援助隊).
    assert groups["deployments"].count == DisasterDeployment.objects.count() == 17


def test_the_japanese_name_of_turkiye_finds_its_deployment_and_dispatches(sample_site, client):
    groups = search(client, "ja", "トルコ")
    assert groups["deployments"].count == 1
    assert groups["dispatches"].count == 2
    groups = search(client, "ja", "トルコ 地震")
    assert groups["deployments"].count == 1
    assert groups["dispatches"].count == 0


def test_japanese_program_names_are_found_in_japanese(sample_site, client):
    groups = search(client, "ja", "鑑識")
    assert [result.title for result in groups["programs"].results] == ["犯罪鑑識"]


# A database loaded before the sample data had Japanese.


def english_only():
    """Make the sample site look as `load_sample_data` left it before it wrote Japanese: every
    Japanese column empty (without a history entry, as the old rows had none)."""
    for model in edited_models():
        names = translated_names(model)
        if names:
            model._default_manager.update(**{f"{name}_ja": "" for name in names})


def run_command():
    out = io.StringIO()
    call_command("load_sample_data", stdout=out)
    return out.getvalue()


def test_an_english_only_database_gets_the_japanese_and_keeps_staff_edits(sample_site):
    english_only()
    # What staff did meanwhile: a Japanese name of their own, an English title rewritten.
    program = Program.objects.get(slug="community-policing")
    program.name_ja = "地域警察研修（職員訳）"
    program.save()
    center = Page.objects.get(path="research-and-training-center")
    center.title_en = "International Police Center"
    center.save()
    # A text as an earlier version of the sample data wrote it.
    training = Section.objects.get(heading_en="Training programs")
    training.body_en = TRAINING_BODY_WITH_LEGEND[0]
    training.save()
    rows_before = {model: model._default_manager.count() for model in edited_models()}

    output = run_command()

    assert "content pages and sections: Japanese added to 26" in output
    assert {model: model._default_manager.count() for model in edited_models()} == rows_before
    program.refresh_from_db()
    assert program.name_ja == "地域警察研修（職員訳）"
    assert program.description_ja.startswith("交番や地域のパトロール")
    center.refresh_from_db()
    # The rewritten English is left for staff to translate; the rest of the page is filled.
    assert (center.title_en, center.title_ja) == ("International Police Center", "")
    assert center.menu_label_ja == "国際警察センター"
    training.refresh_from_db()
    assert training.body_ja == TRAINING_BODY_WITH_LEGEND[1]
    left = [
        f"{type(row).__name__} {name}"
        for row, name, english, japanese in texts_by_row()
        if english and not japanese
    ]
    assert left == ["Page title"]
    assert Scheme.objects.get().name_ja == "JICA課題別研修"
    assert ExpertDispatch.objects.get(country="TR", start_year=2011).other_experts_role_ja == (
        "柔道指導者"
    )


def test_adding_the_japanese_is_recorded_in_history_once(sample_site):
    english_only()
    history = {model: model.history.count() for model in edited_models()}
    run_command()
    section = Section.objects.get(heading_en="From institute to center")
    latest = section.history.latest()
    assert latest.history_type == "~"
    assert latest.history_change_reason == "sample data: Japanese added"
    assert (latest.heading_en, latest.heading_ja) == (
        "From institute to center",
        "国際捜査研修所から国際警察センターへ",
    )
    added = {model: model.history.count() - history[model] for model in edited_models()}
    assert added[Section] == Section.objects.count()
    # A second run finds nothing to add and writes no history.
    history = {model: model.history.count() for model in edited_models()}
    assert "Japanese added to 0" in run_command()
    assert {model: model.history.count() for model in edited_models()} == history


def test_the_japanese_is_not_added_where_staff_gave_it_to_another_row(sample_site):
    """A Japanese name is unique: one that staff already gave another program is not given twice,
    and the rest of the run goes on."""
    english_only()
    other = Program.objects.get(slug="traffic-police-administration")
    other.name_ja = "犯罪鑑識"
    other.save()
    run_command()
    identification = Program.objects.get(slug="criminal-identification")
    assert identification.name_ja == "" and identification.description_ja == ""
    assert Program.objects.get(slug="community-policing").name_ja
