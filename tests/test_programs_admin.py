"""The training-program admin, used as staff use it: through the test client."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from programs import sample_data
from programs.models import AnnualFigure, Program, Scheme
from tests.i18n_builders import english_columns

pytestmark = pytest.mark.django_db

YEAR_ENTRY = reverse("admin:programs_annualfigure_year_entry")


@pytest.fixture
def scheme(db):
    sample_data.load()
    return Scheme.objects.get(slug="jica-knowledge-co-creation")


def inline_data(*rows):
    data = {
        "figures-TOTAL_FORMS": str(len(rows)),
        "figures-INITIAL_FORMS": "0",
        "figures-MIN_NUM_FORMS": "0",
        "figures-MAX_NUM_FORMS": "1000",
    }
    for i, (year, participants, countries) in enumerate(rows):
        data |= {
            f"figures-{i}-year": str(year),
            f"figures-{i}-participants": str(participants),
            f"figures-{i}-countries": str(countries),
            f"figures-{i}-note": "",
        }
    return data


def program_data(scheme, **values):
    return {
        "name_en": "Forensic Science",
        "slug": "forensic-science",
        "scheme": str(scheme.pk),
        "description_en": "",
        "display_order": "9",
        "published": "on",
        **english_columns(Program, values),
    }


def year_entry_url(year, scheme):
    return f"{YEAR_ENTRY}?year={year}&scheme={scheme.pk}"


def year_entry_data(programs, values):
    """POST data for the one-year page: `values` is {program: (participants, countries)}."""
    data = {
        "form-TOTAL_FORMS": str(len(programs)),
        "form-INITIAL_FORMS": str(len(programs)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": str(len(programs)),
    }
    for i, program in enumerate(programs):
        participants, countries = values.get(program, ("", ""))
        data |= {
            f"form-{i}-program": str(program.pk),
            f"form-{i}-participants": str(participants),
            f"form-{i}-countries": str(countries),
        }
    return data


def test_admin_lists_render_with_filters_and_search(staff_client, scheme):
    for url in (
        reverse("admin:programs_program_changelist"),
        reverse("admin:programs_program_changelist") + "?ran_in=2018&years_run=5%2B",
        reverse("admin:programs_program_changelist") + "?q=cyber&published__exact=1",
        reverse("admin:programs_annualfigure_changelist") + "?year=2019",
        reverse("admin:programs_scheme_changelist"),
    ):
        assert staff_client.get(url).status_code == 200, url


def test_years_run_and_ran_in_filters(staff_client, scheme):
    url = reverse("admin:programs_program_changelist")
    response = staff_client.get(url + "?ran_in=2020")
    assert {p.name for p in response.context["cl"].result_list} == {
        "Countermeasures against Cybercrime",
        "International Crime Investigation",
    }
    response = staff_client.get(url + "?years_run=5%2B")
    assert {p.name for p in response.context["cl"].result_list} == {
        "Countermeasures against Cybercrime",
        "International Crime Investigation",
    }
    program = response.context["cl"].result_list[0]
    assert program.years_run == 5


def test_changelists_link_to_the_one_year_page(staff_client, scheme):
    for name in ("program", "annualfigure"):
        html = staff_client.get(reverse(f"admin:programs_{name}_changelist")).content.decode()
        assert f'href="{YEAR_ENTRY}"' in html


def test_staff_add_a_program_with_its_figures(staff_client, scheme):
    data = program_data(scheme) | inline_data((2019, 12, 7), (2020, 9, 9))
    response = staff_client.post(reverse("admin:programs_program_add"), data)
    assert response.status_code == 302
    program = Program.objects.get(name_en="Forensic Science")
    assert program.slug == "forensic-science"
    assert list(program.figures.values_list("year", "participants", "countries")) == [
        (2019, 12, 7),
        (2020, 9, 9),
    ]
    assert program.history.get().history_user.username == "staff"


def test_adding_a_program_with_a_bad_figure_saves_nothing(staff_client, scheme):
    data = program_data(scheme) | inline_data((2019, 12, 7), (2020, 5, 9))
    response = staff_client.post(reverse("admin:programs_program_add"), data)
    assert response.status_code == 200
    assert "each country sends at least one participant" in response.content.decode()
    assert not Program.objects.filter(name_en="Forensic Science").exists()


def test_adding_the_same_year_twice_is_refused(staff_client, scheme):
    data = program_data(scheme) | inline_data((2019, 12, 7), (2019, 9, 9))
    response = staff_client.post(reverse("admin:programs_program_add"), data)
    assert response.status_code == 200
    assert not Program.objects.filter(name_en="Forensic Science").exists()


def test_renaming_a_program_keeps_its_slug(staff_client, scheme):
    program = Program.objects.get(slug="community-policing")
    url = reverse("admin:programs_program_change", args=[program.pk])
    data = program_data(scheme, name="Community Policing (Koban)", slug="changed") | {
        "figures-TOTAL_FORMS": "0",
        "figures-INITIAL_FORMS": "0",
        "figures-MIN_NUM_FORMS": "0",
        "figures-MAX_NUM_FORMS": "1000",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302
    program.refresh_from_db()
    assert (program.name, program.slug) == ("Community Policing (Koban)", "community-policing")


def test_one_year_page_asks_for_a_year_and_a_scheme(staff_client, scheme):
    response = staff_client.get(YEAR_ENTRY)
    assert response.status_code == 200
    assert "formset" not in response.context or response.context["formset"] is None
    response = staff_client.get(f"{YEAR_ENTRY}?year={timezone.localdate().year + 2}&scheme=")
    assert response.status_code == 200
    assert response.context["choice_form"].errors.keys() == {"year", "scheme"}


def test_one_year_page_prefills_existing_figures(staff_client, scheme):
    response = staff_client.get(year_entry_url(2020, scheme))
    assert response.status_code == 200
    forms = response.context["formset"].forms
    assert len(forms) == 8
    initial = {form.program_object.name: form.initial for form in forms}
    assert initial["International Crime Investigation"]["participants"] == 10
    assert initial["International Crime Investigation"]["countries"] == 8
    assert initial["Community Policing"]["participants"] is None


def test_one_year_page_saves_eight_rows_at_once(staff_client, scheme):
    programs = list(Program.objects.published().filter(scheme=scheme))
    values = {program: (10 + i, 5 + i) for i, program in enumerate(programs)}
    response = staff_client.post(year_entry_url(2021, scheme), year_entry_data(programs, values))
    assert response.status_code == 302
    assert response.url == year_entry_url(2021, scheme)
    saved = AnnualFigure.objects.filter(year=2021)
    assert saved.count() == 8
    for program, (participants, countries) in values.items():
        figure = saved.get(program=program)
        assert (figure.participants, figure.countries) == (participants, countries)
        record = figure.history.get()
        assert record.history_change_reason == "year entry 2021"
        assert record.history_user.username == "staff"
    messages = [str(m) for m in response.wsgi_request._messages]
    assert "8 rows added or changed, 0 removed" in messages[0]


def test_one_year_page_with_one_bad_row_saves_nothing(staff_client, scheme):
    programs = list(Program.objects.published().filter(scheme=scheme))
    values = dict.fromkeys(programs, (10, 5))
    values[programs[3]] = (4, 6)
    before = list(AnnualFigure.objects.values_list("program", "year", "participants", "countries"))
    response = staff_client.post(year_entry_url(2021, scheme), year_entry_data(programs, values))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was saved" in html
    assert "There cannot be more countries (6) than participants (4)" in html
    bad = [form for form in response.context["formset"].forms if form.errors]
    assert [form.program_object for form in bad] == [programs[3]]
    after = list(AnnualFigure.objects.values_list("program", "year", "participants", "countries"))
    assert after == before


def test_one_year_page_needs_both_numbers_or_neither(staff_client, scheme):
    programs = list(Program.objects.published().filter(scheme=scheme))
    values = {programs[0]: (10, "")}
    response = staff_client.post(year_entry_url(2021, scheme), year_entry_data(programs, values))
    assert response.status_code == 200
    assert "Enter both participants and countries" in response.content.decode()
    assert not AnnualFigure.objects.filter(year=2021).exists()


def test_one_year_page_rejects_text_and_zero(staff_client, scheme):
    programs = list(Program.objects.published().filter(scheme=scheme))
    values = {programs[0]: ("many", 3), programs[1]: (0, 0)}
    response = staff_client.post(year_entry_url(2021, scheme), year_entry_data(programs, values))
    assert response.status_code == 200
    bad = [form for form in response.context["formset"].forms if form.errors]
    assert len(bad) == 2
    assert not AnnualFigure.objects.filter(year=2021).exists()


def test_one_year_page_clearing_a_row_deletes_that_year(staff_client, scheme):
    programs = list(Program.objects.published().filter(scheme=scheme))
    current = {
        f.program: (f.participants, f.countries)
        for f in AnnualFigure.objects.filter(year=2020).select_related("program")
    }
    cyber = Program.objects.get(slug="countermeasures-against-cybercrime")
    del current[cyber]
    response = staff_client.post(year_entry_url(2020, scheme), year_entry_data(programs, current))
    assert response.status_code == 302
    assert list(AnnualFigure.objects.filter(year=2020).values_list("program__slug", flat=True)) == [
        "international-crime-investigation"
    ]
    deleted = AnnualFigure.history.filter(history_type="-").get()
    assert (deleted.program_id, deleted.year) == (cyber.pk, 2020)
    assert deleted.history_change_reason == "year entry 2020"
    # The unchanged row was not saved again.
    assert AnnualFigure.history.filter(history_change_reason="year entry 2020").count() == 1


def test_one_year_page_refuses_a_program_of_another_scheme(staff_client, scheme):
    other = Scheme.objects.create(name_en="Other")
    stray = Program.objects.create(name_en="Stray", scheme=other, published=True)
    programs = list(Program.objects.published().filter(scheme=scheme))
    data = year_entry_data(programs, {})
    data["form-0-program"] = str(stray.pk)
    data["form-0-participants"], data["form-0-countries"] = "3", "2"
    response = staff_client.post(year_entry_url(2021, scheme), data)
    assert response.status_code == 200
    assert not AnnualFigure.objects.filter(year=2021).exists()


def test_one_year_page_needs_permission(client, make_staff, scheme):
    user = make_staff("clerk")
    user.user_permissions.add(Permission.objects.get(codename="change_annualfigure"))
    client.force_login(user)
    assert client.get(year_entry_url(2021, scheme)).status_code == 403
    html = client.get(reverse("admin:programs_annualfigure_changelist")).content.decode()
    assert YEAR_ENTRY not in html


def test_one_year_page_needs_login(client, scheme):
    response = client.get(year_entry_url(2021, scheme))
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_one_year_page_preselects_the_only_scheme(staff_client, scheme):
    form = staff_client.get(YEAR_ENTRY).context["choice_form"]
    assert form["scheme"].value() == scheme.pk


def test_one_year_page_preselects_the_scheme_the_list_was_filtered_by(staff_client, scheme):
    other = Scheme.objects.create(name_en="Police-run programs", slug="police-run", display_order=2)
    changelist = reverse("admin:programs_annualfigure_changelist")
    html = staff_client.get(f"{changelist}?program__scheme__id__exact={other.pk}").content.decode()
    assert f"{YEAR_ENTRY}?scheme={other.pk}" in html
    form = staff_client.get(f"{YEAR_ENTRY}?scheme={other.pk}").context["choice_form"]
    assert not form.is_bound
    assert str(form["scheme"].value()) == str(other.pk)
    # With two schemes and no filter, the editor chooses.
    assert staff_client.get(YEAR_ENTRY).context["choice_form"]["scheme"].value() is None


def test_one_year_page_shows_last_years_numbers_beside_each_row(staff_client, scheme):
    response = staff_client.get(year_entry_url(2020, scheme))
    rows = {form.program_object.name: form.previous for form in response.context["formset"]}
    previous = rows["International Crime Investigation"]
    assert (previous.year, previous.participants, previous.countries) == (2019, 9, 9)
    assert rows["Community Policing"].year == 2019
    html = response.content.decode()
    assert "In 2019" in html


def test_one_year_page_saves_the_note(staff_client, scheme):
    programs = list(Program.objects.published().filter(scheme=scheme))
    data = year_entry_data(programs, {programs[0]: (12, 9)})
    data["form-0-note_en"] = "held online"
    data["form-0-note_ja"] = "オンライン開催"
    response = staff_client.post(year_entry_url(2021, scheme), data)
    assert response.status_code == 302
    figure = AnnualFigure.objects.get(program=programs[0], year=2021)
    assert (figure.note_en, figure.note_ja) == ("held online", "オンライン開催")
    form = staff_client.get(year_entry_url(2021, scheme)).context["formset"].forms[0]
    assert form.initial["note_en"] == "held online"


def test_one_year_page_changes_only_the_note(staff_client, scheme):
    figure = AnnualFigure.objects.filter(program__scheme=scheme, year=2020).first()
    programs = list(Program.objects.published().filter(scheme=scheme))
    existing = {
        f.program: (f.participants, f.countries)
        for f in AnnualFigure.objects.filter(program__scheme=scheme, year=2020)
    }
    data = year_entry_data(programs, existing)
    index = programs.index(figure.program)
    data[f"form-{index}-note_en"] = "two sessions"
    assert staff_client.post(year_entry_url(2020, scheme), data).status_code == 302
    figure.refresh_from_db()
    assert figure.note_en == "two sessions"


def test_one_year_page_keeps_the_year_and_scheme_after_an_error(staff_client, scheme):
    programs = list(Program.objects.published().filter(scheme=scheme))
    response = staff_client.post(
        year_entry_url(2021, scheme), year_entry_data(programs, {programs[0]: ("x", 3)})
    )
    assert response.status_code == 200
    choice = response.context["choice_form"]
    assert (str(choice["year"].value()), str(choice["scheme"].value())) == ("2021", str(scheme.pk))
    html = response.content.decode()
    assert 'name="year" value="2021"' in html
    # A bad scheme keeps the year the editor typed.
    response = staff_client.get(f"{YEAR_ENTRY}?year=2021&scheme=999")
    assert response.context["choice_form"]["year"].value() == "2021"
    assert 'name="year" value="2021"' in response.content.decode()
