"""The API's query parameters: the pages' own filter forms, plus `limit` and `offset`.

Every list endpoint validates its query string with the form of the page it mirrors, so a
value the page refuses is refused here too, with the same message; the OpenAPI document
describes each parameter from the same form fields (`form_parameters`), so the documentation
cannot drift from the validation.
"""

from django import forms
from django.db import models
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

# Results per page: the default, and the most a client may ask for.
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
# Far beyond any table here; keeps the number an integer every database accepts.
MAX_OFFSET = 10_000_000


class PagingFields(forms.Form):
    """`?limit=100&offset=200`, mixed into each endpoint's filter form (`with_paging`)."""

    limit = forms.IntegerField(
        label=_("Results per page"),
        help_text=_("At most 1000; 100 when left out."),
        required=False,
        min_value=1,
        max_value=MAX_LIMIT,
    )
    offset = forms.IntegerField(
        label=_("Results to skip"),
        help_text=_("Where the page starts; 0 when left out. Follow `next` instead of counting."),
        required=False,
        min_value=0,
        max_value=MAX_OFFSET,
    )

    def clean(self):
        cleaned = super().clean()
        for name in ("limit", "offset"):
            if name not in self.errors and len(self.data.getlist(name)) > 1:
                self.add_error(
                    name,
                    forms.ValidationError(
                        _("Give “%(key)s” only once."), code="repeated", params={"key": name}
                    ),
                )
        return cleaned

    # Not `limit` and `offset`: those names are the fields'.
    @property
    def page_size(self):
        return self.cleaned_data.get("limit") or DEFAULT_LIMIT

    @property
    def page_start(self):
        return self.cleaned_data.get("offset") or 0

    def params(self, **changes):
        """The understood parameters in field order, as a QueryDict, with `changes` applied.

        Defaults are left out, so each page has one address (the page cache stores only that
        one) and the `next` links are the addresses a client would have written.
        """
        params = QueryDict(mutable=True)
        values = {name: self.cleaned_data.get(name) for name in self.fields}
        values.update(changes)
        for name, value in values.items():
            if value in (None, "", 0) or (name == "limit" and value == DEFAULT_LIMIT):
                continue
            if isinstance(value, models.Model):  # a scheme or program chosen by its slug
                value = getattr(value, self.fields[name].to_field_name or "pk")
            params[name] = value
        return params


def with_paging(form_class=None):
    """`form_class` (a page's filter form) with the paging fields added."""
    if form_class is None:
        return PagingFields
    return type(f"{form_class.__name__}Paged", (PagingFields, form_class), {})


def error_list(form):
    """[{"parameter", "message"}] for each problem; a range error names both of its ends."""
    errors = []
    for name, messages in form.errors.get_json_data().items():
        names = [name] if name in form.fields else [n for n in ("from", "to") if n in form.fields]
        for message in messages:
            errors += [{"parameter": n, "message": message["message"]} for n in names]
    return errors


def _field_schema(field):
    if isinstance(field, forms.IntegerField):
        schema = {"type": "integer"}
        if field.min_value is not None:
            schema["minimum"] = field.min_value
        if field.max_value is not None:
            schema["maximum"] = field.max_value
        return schema
    if isinstance(field, forms.ModelChoiceField):
        return {"type": "string"}
    if isinstance(field, forms.ChoiceField):
        return {"type": "string", "enum": [str(value) for value, _ in field.choices if value]}
    return {"type": "string"}


def form_parameters(form_class):
    """OpenAPI query parameters described from the form's own fields (names, bounds, choices)."""
    form = form_class()
    parameters = []
    for name, field in form.fields.items():
        description = str(field.label)
        if field.help_text:
            description += f". {field.help_text}"
        parameters.append(
            {
                "name": name,
                "in": "query",
                "required": field.required,
                "description": description,
                "schema": _field_schema(field),
            }
        )
    return parameters
