import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_choice, env_int, env_list, env_str

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("raw", ["1", "true", "TRUE", "yes", "on", " On "])
def test_env_bool_reads_the_usual_spellings_of_true(raw):
    assert env_bool("DJANGO_DEBUG", False, environ={"DJANGO_DEBUG": raw}) is True


@pytest.mark.parametrize("raw", ["0", "false", "False", "no", "off", ""])
def test_env_bool_reads_the_usual_spellings_of_false(raw):
    assert env_bool("DJANGO_DEBUG", True, environ={"DJANGO_DEBUG": raw}) is False


def test_env_bool_falls_back_to_the_default_when_unset():
    assert env_bool("DJANGO_DEBUG", True, environ={}) is True
    assert env_bool("DJANGO_DEBUG", False, environ={}) is False


@pytest.mark.parametrize("raw", ["maybe", "2", "y es", "enabled"])
def test_env_bool_refuses_anything_else_and_names_the_variable(raw):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG") as refusal:
        env_bool("DJANGO_DEBUG", False, environ={"DJANGO_DEBUG": raw})
    assert repr(raw) in str(refusal.value)


def test_env_int_reads_an_integer_and_defaults_when_unset_or_blank():
    assert env_int("AXES_FAILURE_LIMIT", 5, environ={"AXES_FAILURE_LIMIT": "7"}) == 7
    assert env_int("AXES_FAILURE_LIMIT", 5, environ={"AXES_FAILURE_LIMIT": " 8 "}) == 8
    assert env_int("AXES_FAILURE_LIMIT", 5, environ={}) == 5
    assert env_int("AXES_FAILURE_LIMIT", 5, environ={"AXES_FAILURE_LIMIT": "  "}) == 5


@pytest.mark.parametrize("raw", ["five", "5.0", "5 minutes", "0x10"])
def test_env_int_refuses_a_non_integer_and_names_the_variable(raw):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_EMAIL_PORT") as refusal:
        env_int("DJANGO_EMAIL_PORT", 25, environ={"DJANGO_EMAIL_PORT": raw})
    assert repr(raw) in str(refusal.value)


def test_env_list_splits_on_commas_and_drops_blanks():
    environ = {"DJANGO_ALLOWED_HOSTS": " example.org, www.example.org ,,"}
    assert env_list("DJANGO_ALLOWED_HOSTS", [], environ=environ) == [
        "example.org",
        "www.example.org",
    ]


def test_env_list_returns_a_fresh_copy_of_the_default_when_unset():
    default = ("localhost",)
    hosts = env_list("DJANGO_ALLOWED_HOSTS", default, environ={})
    assert hosts == ["localhost"]
    hosts.append("evil.example")
    assert env_list("DJANGO_ALLOWED_HOSTS", default, environ={}) == ["localhost"]


def test_env_list_set_to_empty_text_means_an_empty_list():
    assert (
        env_list("DJANGO_ALLOWED_HOSTS", ["localhost"], environ={"DJANGO_ALLOWED_HOSTS": ""}) == []
    )


def test_env_choice_accepts_a_listed_value_and_defaults_when_unset():
    choices = ["DEBUG", "INFO", "WARNING"]
    assert env_choice("DJANGO_LOG_LEVEL", choices, "WARNING", environ={}) == "WARNING"
    environ = {"DJANGO_LOG_LEVEL": "INFO"}
    assert env_choice("DJANGO_LOG_LEVEL", choices, "WARNING", environ=environ) == "INFO"


def test_env_choice_refuses_an_unlisted_value_naming_the_variable_and_the_choices():
    with pytest.raises(ImproperlyConfigured, match="DJANGO_LOG_LEVEL") as refusal:
        env_choice(
            "DJANGO_LOG_LEVEL", ["DEBUG", "INFO"], "INFO", environ={"DJANGO_LOG_LEVEL": "LOUD"}
        )
    message = str(refusal.value)
    assert "DEBUG, INFO" in message
    assert "'LOUD'" in message


def test_env_str_returns_the_raw_value_or_the_default():
    assert env_str("DJANGO_TIME_ZONE", "UTC", environ={"DJANGO_TIME_ZONE": "Asia/Hanoi"}) == (
        "Asia/Hanoi"
    )
    assert env_str("DJANGO_TIME_ZONE", "UTC", environ={}) == "UTC"


def _clean_environ(tmp_path, **overrides):
    environ = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "AXES_", "THIDUA_")) and name != "DATABASE_URL"
    }
    environ["DATABASE_URL"] = f"sqlite:///{tmp_path / 'check.sqlite3'}"
    environ["PYTHONDONTWRITEBYTECODE"] = "1"
    environ.update(overrides)
    return environ


def test_settings_refuse_to_load_without_a_secret_key_when_debug_is_off(tmp_path):
    completed = subprocess.run(
        [sys.executable, "-c", "import config.settings"],
        cwd=PROJECT_ROOT,
        env=_clean_environ(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode != 0
    assert "ImproperlyConfigured" in completed.stderr
    assert "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off" in completed.stderr


def test_settings_refuse_a_misspelt_boolean_at_start_up(tmp_path):
    completed = subprocess.run(
        [sys.executable, "-c", "import config.settings"],
        cwd=PROJECT_ROOT,
        env=_clean_environ(tmp_path, DJANGO_DEBUG="ture"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode != 0
    assert "DJANGO_DEBUG must be a boolean" in completed.stderr


def test_production_settings_pass_the_deployment_checks_without_warnings(tmp_path):
    environ = _clean_environ(
        tmp_path,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="example.org",
    )
    completed = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT_ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "System check identified no issues" in completed.stdout


def test_an_unsupported_default_language_stops_start_up(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DJANGO_", "AXES_", "THIDUA_"))}  # fmt: skip
    env.update({"DJANGO_DEBUG": "1", "DJANGO_LANGUAGE_CODE": "de",
                "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"})  # fmt: skip
    done = subprocess.run([sys.executable, "manage.py", "check"], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent, env=env)  # fmt: skip
    assert done.returncode != 0
    assert "DJANGO_LANGUAGE_CODE must be one of vi, en, fr" in done.stderr
