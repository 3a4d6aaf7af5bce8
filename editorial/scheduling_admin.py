"""The changelist warning of the admins of scheduled models (pages, programs)."""

from django.contrib import messages
from django.utils.translation import ngettext

from core.scheduling import overdue_count


def overdue_message(count):
    return ngettext(
        "%(count)d scheduled publish or unpublish time has passed without being recorded in "
        "the history. The public pages changed on time; check that the publish_scheduled "
        "command runs every minute.",
        "%(count)d scheduled publish or unpublish times have passed without being recorded in "
        "the history. The public pages changed on time; check that the publish_scheduled "
        "command runs every minute.",
        count,
    ) % {"count": count}


class OverdueScheduleWarning:
    """Mixin for a ModelAdmin whose model has a publishing window."""

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET":
            count = overdue_count([self.model])
            if count:
                messages.warning(request, overdue_message(count))
        return super().changelist_view(request, extra_context)
