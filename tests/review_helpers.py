"""Post an admin change form back as the browser shows it, for the review tests."""

from django.forms import ModelMultipleChoiceField, MultipleChoiceField


def _text(value):
    if value is None:
        return ""
    return str(value)


def _add(data, form, name):
    value = form[name].value()
    if isinstance(form.fields[name], (MultipleChoiceField, ModelMultipleChoiceField)):
        # A multiple choice: one entry per chosen value, nothing when none is chosen.
        data[form.add_prefix(name)] = [_text(each) for each in value or ()]
    elif value is True:
        data[form.add_prefix(name)] = "on"
    elif value is not False:
        data[form.add_prefix(name)] = _text(value)


def displayed_form(response):
    """The fields of an admin change form, filled as the page shows them: {name: value}."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        _add(data, form, name)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = _text(management[name].value())
        for inline_form in formset.forms:
            for name in inline_form.fields:
                _add(data, inline_form, name)
    return data


def forms_of(data, prefix):
    """How many forms of the inline `prefix` the data holds."""
    return int(data[f"{prefix}-TOTAL_FORMS"])


def add_inline_form(data, prefix, **values):
    index = forms_of(data, prefix)
    for name, value in values.items():
        data[f"{prefix}-{index}-{name}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    return data
