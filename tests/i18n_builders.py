"""Builders take a translated text by its plain name (`name="..."`) for the English column."""

from translated_fields import TranslatedField


def english_columns(model, fields):
    """`fields` with each translated name (`name`, `summary`) renamed to its English column."""
    return {
        (f"{key}_en" if isinstance(getattr(model, key, None), TranslatedField) else key): value
        for key, value in fields.items()
    }
