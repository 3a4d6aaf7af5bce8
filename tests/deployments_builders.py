"""Small data builders for the deployments tests."""

import itertools

from deployments.models import DisasterDeployment, DisasterType, ExpertDispatch, Team

from .i18n_builders import english_columns


def deployment(**fields):
    values = {
        "year": 2010,
        "month": 3,
        "country": "JP",
        "disaster": DisasterType.EARTHQUAKE,
        "team": Team.RESCUE,
        "persons": 5,
    }
    values.update(fields)
    return DisasterDeployment.objects.create(**english_columns(DisasterDeployment, values))


def dispatch(**fields):
    values = {"country": "ID", "start_year": 2018, "field_of_work": "community policing"}
    values.update(fields)
    return ExpertDispatch.objects.create(**english_columns(ExpertDispatch, values))


def many_deployments(count):
    """`count` distinct deployments (year, month, country, team all valid), in one query."""
    combos = itertools.product(range(1990, 2021), range(1, 13), ("FR", "DE"))
    rows = [
        DisasterDeployment(year=year, month=month, country=code, persons=1 + index % 50)
        for index, (year, month, code) in zip(range(count), combos, strict=False)
    ]
    return DisasterDeployment.objects.bulk_create(rows)


def many_dispatches(count):
    rows = [
        ExpertDispatch(
            country=("ID", "TL", "TR", "PH")[index % 4],
            start_year=1990 + index % 30,
            field_of_work_en=f"field {index}",
            long_term_experts=(None, 1, 2)[index % 3],
        )
        for index in range(count)
    ]
    return ExpertDispatch.objects.bulk_create(rows)
