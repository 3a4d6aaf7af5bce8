"""The models staff edit: each keeps its history, is edited through an admin built on
editorial.admin.HistoryAdmin, and is granted to the roles (editorial.roles)."""

from django.apps import apps

EDITED_MODELS = (
    "programs.scheme",
    "programs.program",
    "programs.annualfigure",
    "programs.provisionalyear",
    "deployments.disasterdeployment",
    "deployments.expertdispatch",
    "pages.page",
    "pages.section",
)


def edited_models():
    """The model classes of EDITED_MODELS."""
    return [apps.get_model(label) for label in EDITED_MODELS]
