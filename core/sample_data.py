"""What the apps' sample data share: adding the Japanese texts to rows loaded in English only.

A database loaded before the sample data had Japanese keeps its rows (each app's `load()` fills
an empty database only). `add_japanese()` gives such a row its Japanese, column by column, and
only where nothing of a person's is lost or contradicted: the Japanese column is still empty
and the English column still holds a sample English (the present one or an earlier version the
sample data keeps with its Japanese), so a text that staff rewrote in English is left for them
to translate (the admin's translation status page lists it). The change is
saved like an edit, so history records it with its reason.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from .i18n import to_attribute


def japanese_texts(spec, names):
    """{name: [(English, Japanese), ...]} of a sample spec written as `name` and `name_ja` keys,
    followed by the spec's earlier versions of the text (`"earlier": {name: [(en, ja)]}`), which
    databases loaded before the text changed still hold."""
    earlier = spec.get("earlier", {})
    return {
        name: [(spec.get(name, ""), spec.get(f"{name}_ja", "")), *earlier.get(name, ())]
        for name in names
    }


def add_japanese(obj, texts):
    """Fill `obj`'s empty Japanese columns from `texts` ({name: (English, Japanese)}, or a list
    of such pairs, one per version of the sample text): 1 when the row was saved with new
    Japanese, else 0.

    A column is filled only when its English is still a sample's, with that version's
    Japanese. A row whose new Japanese clashes with another row's (a unique Japanese name that
    staff already gave elsewhere) is left as it was.
    """
    filled = []
    for name, versions in texts.items():
        column = to_attribute(name, "ja")
        if getattr(obj, column):
            continue
        english_now = getattr(obj, to_attribute(name, "en"))
        versions = [versions] if isinstance(versions, tuple) else versions
        japanese = next((ja for en, ja in versions if en == english_now and ja), "")
        if japanese:
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
