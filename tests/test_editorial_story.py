"""The issue's "done when": an Editor imports next year's figures, fixes a rejected row,
imports, notices a mistake and reverts it, all in the admin, with every step recorded."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from editorial.roles import EDITORS
from programs.models import AnnualFigure

from .builders import make_figure, make_program
from .editorial_helpers import XLSX_FORMAT, confirm, problems, statuses, upload, xlsx_bytes

pytestmark = pytest.mark.django_db

FIGURES = "programs_annualfigure"
HEADER = ["program", "year", "participants", "countries"]


def test_import_fix_import_and_revert(client, make_staff):
    editor = make_staff("hanako", EDITORS)
    client.force_login(editor)
    cyber = make_program("Countermeasures against Cybercrime")
    forensic = make_program("Forensic Science")
    make_figure(cyber, year=2020, participants=12, countries=10)
    make_figure(forensic, year=2020, participants=9, countries=7)

    # 1. The partner's sheet for 2021 has a typo: more countries than participants.
    rows = [
        ["Countermeasures against Cybercrime", 2021, 14, 11],
        ["Forensic Science", 2021, 8, 18],
        ["Forensic Science", 2020, 90, 7],  # an old row retyped, with a slip nobody sees yet
    ]
    rejected = upload(client, FIGURES, xlsx_bytes(HEADER, rows), "figures-2021.xlsx", XLSX_FORMAT)
    assert [(line, column) for line, column, _message in problems(rejected)] == [(3, "countries")]
    assert "There cannot be more countries (18) than participants (8)" in rejected.content.decode()
    assert "confirm_form" not in rejected.context
    assert not AnnualFigure.objects.filter(year=2021).exists()
    assert AnnualFigure.history.count() == 2

    # 2. Fixed and imported.
    rows[1] = ["Forensic Science", 2021, 8, 6]
    preview = upload(client, FIGURES, xlsx_bytes(HEADER, rows), "figures-2021.xlsx", XLSX_FORMAT)
    assert statuses(preview) == ["new", "new", "changed"]
    assert "<del>9</del> &rarr; <ins>90</ins>" in preview.content.decode()
    assert not AnnualFigure.objects.filter(year=2021).exists()  # nothing before confirm
    assert confirm(client, FIGURES, preview).status_code == 302
    mistake = AnnualFigure.objects.get(program=forensic, year=2020)
    assert mistake.participants == 90

    # 3. The slip is noticed on the history page and reverted.
    history = client.get(reverse(f"admin:{FIGURES}_history", args=[mistake.pk]))
    html = history.content.decode()
    assert "imported from figures-2021.xlsx" in html and "hanako" in html
    assert "<del>9</del>" in html and "<ins>90</ins>" in html
    before_import = history.context["page_obj"][1]
    assert before_import.participants == 9
    revert_url = reverse(f"admin:{FIGURES}_simple_history", args=[mistake.pk, before_import.pk])
    assert revert_url in history.content.decode()
    form = client.get(revert_url).context["adminform"].form
    # As a browser sends the form: an empty box is an empty string.
    data = {name: form[name].value() or "" for name in form.fields}
    assert client.post(revert_url, data).status_code == 302
    mistake.refresh_from_db()
    assert mistake.participants == 9
    public = b"".join(client.get(reverse("programs:figures_csv")).streaming_content).decode()
    assert "Forensic Science,Police-run programs,2020,9,7" in public
    assert "Forensic Science,Police-run programs,2021,8,6" in public

    # 4. Every step is in the history, with who and why.
    steps = list(
        mistake.history.order_by("history_date").values_list(
            "participants", "history_user__username", "history_change_reason"
        )
    )
    assert steps[0][:2] == (9, None)
    assert steps[1] == (90, "hanako", "imported from figures-2021.xlsx")
    assert steps[2][:2] == (9, "hanako")
    assert steps[2][2].startswith("reverted to the version of ")
    new_rows = AnnualFigure.history.filter(year=2021, history_type="+")
    assert set(new_rows.values_list("history_change_reason", flat=True)) == {
        "imported from figures-2021.xlsx"
    }
    # The admin's own log has the import and the revert too, under the Editor's name.
    logged = LogEntry.objects.filter(user=editor, object_id=str(mistake.pk))
    assert logged.count() == 2
    history = client.get(reverse(f"admin:{FIGURES}_history", args=[mistake.pk]))
    assert "reverted to the version of" in history.content.decode()
