"""Staff pages of the admin that belong to no single model."""

from django.contrib import admin
from django.template.response import TemplateResponse

from .translations import TITLE, translation_status


def translation_status_view(request):
    """Every row with a text missing in one language, or changed in one after the other."""
    statuses = translation_status(request.user)
    context = {
        **admin.site.each_context(request),
        "title": TITLE,
        "statuses": statuses,
        "total": sum(len(status.rows) for status in statuses),
    }
    return TemplateResponse(request, "admin/editorial/translation_status.html", context)


# Staff only, as every admin page: the admin's own log-in check and CSRF handling.
translation_status_page = admin.site.admin_view(translation_status_view)
