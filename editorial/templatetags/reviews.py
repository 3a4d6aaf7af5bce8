"""The admin home page's review lists: what awaits this Publisher, what was sent back to this
Editor. A few rows each, so the differences are computed per row."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from editorial.models import Review, ReviewState
from editorial.review import may_publish
from editorial.review_admin import reviewed_models
from editorial.review_differences import differences

register = template.Library()
LISTED = 20


def _entry(review, with_differences=False):
    model = review.content_type.model_class()
    opts = model._meta
    entry = {
        "review": review,
        "kind": opts.verbose_name,
        "url": reverse("admin:editorial_review_change", args=[review.pk]),
        "item_url": reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change", args=[review.object_id]
        ),
    }
    if with_differences:
        entry["differences"] = differences(review)
    return entry


@register.inclusion_tag("admin/editorial/review/dashboard.html", takes_context=True)
def review_dashboard(context):
    user = context["request"].user
    reviews = Review.objects.select_related("author", "reviewer", "content_type").prefetch_related(
        "item"
    )
    publishable = [model for model in reviewed_models() if may_publish(user, model)]
    awaiting = None
    if publishable:
        types = ContentType.objects.get_for_models(*publishable).values()
        awaiting = [
            _entry(review, with_differences=True)
            for review in reviews.filter(state=ReviewState.SUBMITTED, content_type__in=types)[
                :LISTED
            ]
            if review.item is not None
        ]
    sent_back = [
        _entry(review)
        for review in reviews.filter(state=ReviewState.SENT_BACK, author=user)[:LISTED]
        if review.item is not None
    ]
    return {"awaiting": awaiting, "sent_back": sent_back}
