"""The settings module: start-up without a secret key, every variable documented."""

import re
import subprocess
import sys


def _import_settings(env):
    code = "import django; django.setup()"
    return subprocess.run(
        [sys.executable, "-c", code],
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "npa_portal.settings", **env},
        capture_output=True,
        text=True,
    )


def test_production_start_fails_without_secret_key():
    result = _import_settings({"DJANGO_DEBUG": "false"})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_starts_with_secret_key():
    result = _import_settings({"DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "x" * 50})
    assert result.returncode == 0, result.stderr


def _settings_variables():
    """Names of the environment variables that settings.py reads (env.X("NAME", ...))."""
    import ast
    from pathlib import Path

    tree = ast.parse((Path(__file__).parent.parent / "npa_portal" / "settings.py").read_text())
    names = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "env"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            names.add(node.args[0].value)
    return names


def test_every_setting_variable_is_in_env_example_with_a_comment():
    from pathlib import Path

    lines = (Path(__file__).parent.parent / ".env.example").read_text().splitlines()
    documented = {}
    for number, line in enumerate(lines):
        match = re.match(r"^#? ?([A-Z][A-Z0-9_]+)=", line)
        if match:
            documented[match.group(1)] = number
    variables = _settings_variables()
    assert {"DJANGO_DEBUG", "DJANGO_SECRET_KEY", "DATABASE_URL", "CACHE_URL"} <= variables
    assert sorted(variables - set(documented)) == []
    for name, number in documented.items():
        # The line above each variable explains it (a comment, not another variable).
        above = lines[number - 1]
        assert above.startswith("# ") and not re.match(r"^# ?[A-Z_]+=", above), name
