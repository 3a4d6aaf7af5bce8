"""Every clean() of a model, form or formset of the project calls super().clean(), so the
checks of Django and of the base classes (unique constraints, field cleaning) always run."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("core", "deployments", "editorial", "npa_portal", "pages", "programs")


def _clean_methods():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
                # clean(self) only: an import-export widget's clean(value, ...) is another hook.
                if (
                    isinstance(node, ast.FunctionDef)
                    and node.name == "clean"
                    and [arg.arg for arg in node.args.args] == ["self"]
                ):
                    yield f"{path.relative_to(ROOT)}:{node.lineno}", node


def _calls_super_clean(function):
    return any(
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "clean"
        and isinstance(call.func.value, ast.Call)
        and getattr(call.func.value.func, "id", None) == "super"
        for call in ast.walk(function)
    )


def test_every_clean_method_calls_super_clean():
    methods = list(_clean_methods())
    assert len(methods) >= 6  # the scan finds them
    assert [where for where, function in methods if not _calls_super_clean(function)] == []
