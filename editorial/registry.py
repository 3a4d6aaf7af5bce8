"""The models staff edit: each keeps its history, is edited through an admin built on
editorial.admin.HistoryAdmin, and is granted to the roles (editorial.roles)."""

from dataclasses import dataclass

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
    "library.image",
    "library.document",
)


def edited_models():
    """The model classes of EDITED_MODELS."""
    return [apps.get_model(label) for label in EDITED_MODELS]


@dataclass(frozen=True)
class Reviewed:
    """How a model is published, and the inline rows its form edits with it."""

    publish_field: str
    published_value: object
    # (child model label, name of its foreign key to the item)
    inlines: tuple = ()
    # Other fields only Publishers set (the publishing window): never part of a proposal.
    publisher_fields: tuple = ("publish_at", "unpublish_at")


# Models whose published rows an Editor changes through a review (editorial.review).
REVIEWED_MODELS = {
    "pages.page": Reviewed("status", "published", (("pages.section", "page"),)),
    "programs.program": Reviewed("published", True, (("programs.annualfigure", "program"),)),
}


def reviewed(model):
    """The Reviewed entry of `model` (a class or an instance), or None."""
    return REVIEWED_MODELS.get(model._meta.label_lower)
