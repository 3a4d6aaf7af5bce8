"""The two staff roles, Editors and Publishers, as Django groups.

Editors enter and correct data (add, change, import, revert); Publishers may also publish
pages and programs, delete and restore. Neither manages users. The groups are (re)built after every
`migrate` and by `manage.py create_roles`, so their permissions always match this file.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from .registry import EDITED_MODELS

EDITORS = "Editors"
PUBLISHERS = "Publishers"

# What an Editor may do with every edited model; Publishers may also delete, and publish.
EDITOR_ACTIONS = ("view", "add", "change")
PUBLISHER_EXTRA_CODENAMES = [("pages", "publish_page"), ("programs", "publish_program")]


def _permissions(pairs):
    """Permissions for (app label, codename) pairs; those of apps not installed are skipped."""
    condition = Q(pk__in=[])
    for app_label, codename in pairs:
        condition |= Q(content_type__app_label=app_label, codename=codename)
    return list(Permission.objects.filter(condition))


def role_permissions():
    """{group name: [Permission]} as this module defines them."""
    edited = [label.split(".") for label in EDITED_MODELS]
    editor = [
        (app_label, f"{action}_{model}") for app_label, model in edited for action in EDITOR_ACTIONS
    ]
    publisher = [
        *editor,
        *((app_label, f"delete_{model}") for app_label, model in edited),
        *PUBLISHER_EXTRA_CODENAMES,
    ]
    return {EDITORS: _permissions(editor), PUBLISHERS: _permissions(publisher)}


def ensure_roles():
    """Create or update both groups; safe to run any number of times. Returns {name: count}."""
    counts = {}
    for name, permissions in role_permissions().items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)
        counts[name] = len(permissions)
    return counts


def create_roles_after_migrate(sender, using="default", **kwargs):
    """post_migrate receiver: permissions of every app first (they may not exist yet)."""
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    ensure_roles()
