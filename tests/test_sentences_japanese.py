"""Live sentences in Japanese for no row, one row and many: one message per sentence, with the
counters 回, 人, か国・地域 and件, dates as 2023年2月 and ranges as 2013～2016年."""

import pytest
from django.urls import reverse, translate_url
from django.utils import translation

from core.text import month_year, year_range
from deployments.choices import DisasterType, Team

from .builders import deployment, dispatch


def japanese_text(client, url):
    # The same page under /ja/ (translate_url reads `url` in its own language).
    with translation.override(translation.get_language_from_path(url)):
        response = client.get(translate_url(url, "ja"))
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_dates_and_year_ranges_follow_the_language():
    with translation.override("ja"):
        assert month_year(2023, 2) == "2023年2月"
        assert year_range(2013, 2016) == "2013～2016年"
        assert year_range(2011, 2011) == "2011年"
    with translation.override("en"):
        assert month_year(2023, 2) == "February 2023"
        assert year_range(2013, 2016) == "2013–2016"
        assert year_range(2011, None) == "2011"


@pytest.mark.django_db
def test_disaster_relief_sentences_with_no_deployment(client):
    text = japanese_text(client, reverse("deployments:disaster_relief"))
    assert "記録されている国際緊急援助隊の派遣はまだありません。" in text


@pytest.mark.django_db
def test_disaster_relief_sentences_with_one_deployment(client):
    deployment(year=2023, month=2, country="TR", persons=23)
    text = japanese_text(client, reverse("deployments:disaster_relief"))
    assert (
        "記録されている派遣は1回です。2023年2月、警察職員23人が国際緊急援助隊（JDR）として"
        "海外に派遣されました。"
    ) in text
    assert "国際緊急援助隊救助チーム1回。" in text
    assert "直近の派遣は、2023年2月のトルコ（地震）への23人です。" in text


@pytest.mark.django_db
def test_disaster_relief_sentences_with_many_deployments(client):
    deployment(year=1990, month=6, country="IR", persons=6)
    deployment(year=2004, month=12, country="TH", persons=20, disaster=DisasterType.TSUNAMI,
               team=Team.FORENSIC)  # fmt: skip
    deployment(year=2023, month=2, country="TR", persons=23)
    text = japanese_text(client, reverse("deployments:disaster_relief"))
    assert (
        "1990年6月以降、警察は国際緊急援助隊（JDR）として3回、計49人を3か国・地域に派遣しています。"
    ) in text
    assert "国際緊急援助隊救助チーム2回、国際緊急援助隊専門家チーム（身元確認）1回。" in text
    filtered = japanese_text(client, reverse("deployments:disaster_relief") + "?disaster=tsunami")
    assert "全3回のうち1回（計20人）を表示しています。" in filtered


@pytest.mark.django_db
def test_expert_dispatch_sentences_for_none_one_and_many(client):
    url = reverse("deployments:expert_dispatches")
    assert "記録されている専門家の派遣はまだありません。" in japanese_text(client, url)
    dispatch(country="ID", start_year=2018, long_term_experts=2, short_term_experts=1)
    text = japanese_text(client, url)
    assert "2018年に、警察の専門家を1か国・地域に派遣しました（計1件）。" in text
    assert "長期専門家2人、短期専門家1人" in text
    dispatch(country="TL", start_year=2013, end_year=2016, field_of_work="community policing")
    text = japanese_text(client, url)
    assert "2013～2018年に、警察の専門家を2か国・地域に派遣しました（計2件）。" in text
    assert "2013～2016年" in text  # the Years column


@pytest.mark.django_db
def test_country_sentences_for_one_and_many_deployments(client):
    deployment(year=2023, month=2, country="TR", persons=23)
    text = japanese_text(client, reverse("deployments:country_detail", args=["tr"]))
    assert "2023年2月、警察職員23人が国際緊急援助隊としてトルコに派遣されました。" in text
    deployment(year=1999, month=9, country="TW", persons=45)
    deployment(year=2018, month=2, country="TW", persons=2)
    text = japanese_text(client, reverse("deployments:country_detail", args=["tw"]))
    assert "警察は国際緊急援助隊として台湾に2回、計47人を派遣しています。" in text


@pytest.mark.django_db
def test_key_figures_name_their_dates_in_japanese(client):
    deployment(year=1990, month=6, country="IR", persons=6)
    text = japanese_text(client, reverse("pages:home"))
    assert "1990年6月以降の国際緊急援助隊の派遣回数" in text


@pytest.mark.django_db
def test_country_list_sentence_for_none_one_and_many(client):
    url = reverse("deployments:country_list")
    assert "記録されている国・地域はまだありません。" in japanese_text(client, url)
    deployment(country="TR")
    assert "これまでに1の国・地域と関わってきました。" in japanese_text(client, url)
    dispatch(country="ID")
    assert "これまでに2の国・地域と関わってきました。" in japanese_text(client, url)


@pytest.mark.django_db
def test_search_count_sentence_for_none_one_and_many(client):
    url = reverse("pages:search")
    assert "「地震」の検索結果は0件です。" in japanese_text(client, url + "?q=地震")
    deployment(country="TR")
    assert "「地震」の検索結果は1件です。" in japanese_text(client, url + "?q=地震")
    deployment(country="NP", year=2015, month=4)
    assert "「地震」の検索結果は2件です。" in japanese_text(client, url + "?q=地震")


@pytest.mark.django_db
def test_program_held_sentences_for_one_some_and_every_year(client):
    from .builders import make_figure, make_program

    program = make_program("Forensic Science")
    url = program.get_absolute_url()
    make_figure(program, year=2016)
    assert "2016年に実施されました。" in japanese_text(client, url)
    make_figure(program, year=2017)
    assert "2016～2017年の毎年実施されました。" in japanese_text(client, url)
    make_figure(program, year=2019)
    assert "2016～2019年の4年間のうち3年に実施されました。" in japanese_text(client, url)
