"""Emails about reviews: the Publishers hear of a submitted version, the Editor of the decision.

Sent once the transaction commits (nobody is told of a step that was rolled back), through
Django's email framework (EMAIL_URL). A mail that cannot be sent is logged and dropped: the
step is already saved, and a mail server must never lose or block an edit. Staff have no stored
language, so each mail is written in Japanese, then in English.
"""

import logging

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .roles import PUBLISHERS

logger = logging.getLogger(__name__)
LANGUAGES = ("ja", "en")


def _subject(kind, item):
    subjects = {
        "submitted": lambda: _("Review requested: %(item)s"),
        "approved": lambda: _("Approved and published: %(item)s"),
        "sent_back": lambda: _("Sent back for changes: %(item)s"),
    }
    return subjects[kind]() % {"item": item}


def _render(kind, context):
    """Subject and body in each language, Japanese first."""
    subjects, bodies = [], []
    for language in LANGUAGES:
        with translation.override(language):
            subjects.append(_subject(kind, context["item"]))
            bodies.append(render_to_string(f"editorial/email/{kind}.txt", context).strip())
    return " / ".join(subjects), "\n\n----------\n\n".join(bodies) + "\n"


def _send_after_commit(kind, recipients, context):
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return

    def send():
        try:
            subject, body = _render(kind, context)
            messages = [EmailMessage(subject, body, to=[address]) for address in recipients]
            get_connection().send_messages(messages)
        except Exception:
            # Logged with the traceback; the review step itself is already committed.
            logger.exception("Review notification (%s) not sent to %s", kind, ", ".join(recipients))

    transaction.on_commit(send)


def _link(review, base_url):
    return base_url.rstrip("/") + reverse("admin:editorial_review_change", args=[review.pk])


def submitted(review, user, base_url=""):
    """Tell every Publisher (but the one who submitted) that a version awaits them."""
    publishers = (
        get_user_model()
        .objects.filter(groups__name=PUBLISHERS, is_active=True)
        .exclude(pk=user.pk)
        .values_list("email", flat=True)
    )
    context = {
        "item": review.item,
        "kind": review.content_type.model_class()._meta.verbose_name,
        "author": user.get_username(),
        "message": review.message,
        "url": _link(review, base_url),
    }
    _send_after_commit("submitted", list(publishers), context)


def decided(review, item, base_url=""):
    """Tell the Editor that their version was approved or sent back."""
    if review.author is None:
        return
    context = {
        "item": item,
        "kind": type(item)._meta.verbose_name,
        "reviewer": review.reviewer.get_username() if review.reviewer else "",
        "comment": review.comment,
        "url": _link(review, base_url),
    }
    _send_after_commit(review.state, [review.author.email], context)
