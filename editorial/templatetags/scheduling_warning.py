"""The admin home's warning when scheduled changes pass without publish_scheduled recording
them (the public side is on time regardless; the history and the mail are not)."""

from django import template

from core.scheduling import overdue_count
from editorial.scheduling_admin import overdue_message

register = template.Library()


@register.simple_tag
def overdue_scheduled_changes():
    """The warning's text, or "" when every passed time is recorded."""
    count = overdue_count()
    return overdue_message(count) if count else ""
