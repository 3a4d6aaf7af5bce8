"""File sizes as the agency writes them next to a link: "1.2 MB" in English, 「1.2MB」 in
Japanese (no space, as Japanese government sites print them)."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

KB = 1024
MB = 1024 * KB


def size_label(size):
    if size >= MB:
        return _("%(size)s MB") % {"size": number_format(round(size / MB, 1), 1)}
    return _("%(size)s KB") % {"size": number_format(max(1, round(size / KB)), 0)}
