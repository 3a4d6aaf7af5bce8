"""What the apps' sample data share: adding the Japanese texts to rows loaded in English only.

A database loaded before the sample data had Japanese keeps its rows (each app's `load()` fills
an empty database only). `add_japanese()` gives such a row its Japanese, column by column, and
only where nothing of a person's is lost or contradicted: the Japanese column is still empty
and the English column still holds the sample English, so a text that staff rewrote in English
is left for them to translate (the admin's translation status page lists it). The change is
saved like an edit, so history records it with its reason.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from .i18n import to_attribute


def japanese_texts(spec, names):
    """{name: (English, Japanese)} of a sample spec written as `name` and `name_ja` keys."""
    return {name: (spec.get(name, ""), spec.get(f"{name}_ja", "")) for name in names}


def add_japanese(obj, texts):
    """Fill `obj`'s empty Japanese columns from `texts` ({name: (English, Japanese)}): 1 when
    the row was saved with new Japanese, else 0.

    A column is filled only when its English is still the sample's. A row whose new Japanese
    clashes with another row's (a unique Japanese name that staff already gave elsewhere) is
    left as it was.
    """
    filled = []
    for name, (english, japanese) in texts.items():
        column = to_attribute(name, "ja")
        if (
            japanese
            and not getattr(obj, column)
            and getattr(obj, to_attribute(name, "en")) == english
        ):
            setattr(obj, column, japanese)
            filled.append(column)
    if not filled:
        return 0
    try:
        obj.full_clean()
    except ValidationError:
        for column in filled:
            setattr(obj, column, "")
        return 0
    obj._change_reason = gettext("sample data: Japanese added")
    obj.save()
    return 1
