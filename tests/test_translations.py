"""The interface ships complete in Vietnamese, English and French."""

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|%%")
CATALOGUES = {code: Path(settings.BASE_DIR, "locale", code, "LC_MESSAGES", "django.po")
              for code, _name in settings.LANGUAGES}  # fmt: skip


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_every_string_is_translated_and_none_is_fuzzy(language):
    catalogue = polib.pofile(str(CATALOGUES[language]))
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_translations_keep_every_placeholder(language):
    catalogue = polib.pofile(str(CATALOGUES[language]))
    wrong = []
    for entry in catalogue:
        if "python-format" not in entry.flags:
            continue
        wanted = sorted(set(PLACEHOLDER.findall(entry.msgid)))
        texts = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        wrong += [(entry.msgid, text) for text in texts
                  if sorted(set(PLACEHOLDER.findall(text))) != wanted
                  and not (entry.msgid_plural and "%(count)s" not in text)]  # fmt: skip
    assert wrong == []


@pytest.mark.parametrize(
    ("language", "words"), [("vi", "Đơn vị của tôi"), ("fr", "Mes unités"), ("en", "My units")]
)
def test_the_compiled_catalogue_is_used(language, words):
    with translation.override(language):
        assert translation.gettext("My units") == words


# --- Every string of the code is in the catalogues ---------------------------------------------

GETTEXT_TOOLS = ("xgettext", "msguniq", "msgmerge", "msgattrib")
# As the Makefile's `messages` target ignores them, and the folders that hold no source.
NOT_SOURCES = {".venv", "staticfiles", "tests", "media", "test-artifacts", "db.sqlite3"}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The vi and fr catalogues as `make messages` would leave them. makemessages writes into
    the `locale` folder of the folder it runs in whatever LOCALE_PATHS says, so it runs in a copy
    of the project: the translators' catalogues are never touched."""
    missing = [tool for tool in GETTEXT_TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(
            f"GNU gettext is not installed (no {', '.join(missing)}): apt-get install gettext"
        )
    project = Path(settings.BASE_DIR)
    copy = tmp_path_factory.mktemp("project")
    for item in project.iterdir():
        if item.name.startswith(".") or item.name in NOT_SOURCES or item.suffix == ".egg-info":
            continue
        if item.is_dir():
            skipped = shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo")
            shutil.copytree(item, copy / item.name, ignore=skipped)
        else:
            shutil.copy2(item, copy / item.name)
    real = {path: path.read_bytes() for path in project.glob("locale/*/LC_MESSAGES/django.po")}
    with override_settings(LOCALE_PATHS=[copy / "locale"]), pytest.MonkeyPatch.context() as patch:
        patch.chdir(copy)
        ignored = [f"{name}/*" for name in NOT_SOURCES]
        call_command("makemessages", locale=["vi", "fr"], no_obsolete=True,
                     ignore_patterns=ignored, verbosity=0)  # fmt: skip
    assert {path: path.read_bytes() for path in real} == real, "the real catalogues changed"
    return {code: polib.pofile(str(copy / "locale" / code / "LC_MESSAGES" / "django.po"))
            for code in ("vi", "fr")}  # fmt: skip


def described(entries):
    """One line per entry: where it first comes from, its context and its msgid."""
    lines = []
    for entry in entries:
        where = ":".join(entry.occurrences[0]) if entry.occurrences else "?"
        context = f"[{entry.msgctxt}] " if entry.msgctxt else ""
        lines.append(f"{where}: {context}{entry.msgid!r}")
    return lines


@pytest.mark.parametrize("language", ["vi", "fr"])
def test_every_string_of_the_templates_and_the_code_is_translated(extracted, language):
    """Fails when a string was added or changed without running `make messages` and
    translating it; names each missing or fuzzy msgid with the first place it comes from."""
    catalogue = extracted[language]
    untranslated = described(catalogue.untranslated_entries())
    fuzzy = described(catalogue.fuzzy_entries())
    assert not untranslated and not fuzzy, (
        f"{language}: run `make messages`, then translate {len(untranslated)} new and "
        f"{len(fuzzy)} fuzzy strings:\n" + "\n".join(untranslated + fuzzy)
    )


def test_the_percentage_points_unit_and_the_state_arrow_are_extracted_with_their_context(
    extracted,
):
    found = {(e.msgctxt, e.msgid) for e in extracted["vi"]}
    assert ("percentage points, after a number", "%(change)s pts") in found
    assert ("a change of state, read for the arrow between two states", "to") in found


# --- Strings translated in the language of each request ---------------------------------------


@pytest.mark.parametrize(
    ("language", "title"),
    [("en", "Import units"), ("fr", "Importer des unités"), ("vi", "Nhập đơn vị từ tệp")],
)
def test_the_import_page_title_follows_the_readers_language(client, officer, language, title):
    client.force_login(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("import_units")).content.decode()
    assert f'<h1 class="h3">{title}</h1>' in page


# --- Labels the admin and the forms show -------------------------------------------------------


def untranslatable_labels():
    """Model and field names that Django would make up in English from the code's names."""
    from django.apps import apps
    from django.utils.functional import Promise

    found = []
    for app in ("organizations", "indicators", "awards"):
        for model in apps.get_app_config(app).get_models():
            where = f"{model.__module__}.{model.__name__}"
            found += [f"{where} Meta.{name}" for name in ("verbose_name", "verbose_name_plural")
                      if not isinstance(model._meta.original_attrs.get(name), Promise)]  # fmt: skip
            found += [f"{where}.{field.name}" for field in model._meta.get_fields()
                      if field.concrete and not field.auto_created
                      and not isinstance(field.verbose_name, Promise)]  # fmt: skip
    return found


def test_every_model_and_field_has_a_translatable_label():
    found = untranslatable_labels()
    assert not found, "Give these a gettext_lazy label:\n" + "\n".join(found)
