"""export_archive and import_archive: a backup gives back every row and every file as they were,
and a restore refuses a database that holds anything or an archive it cannot trust."""

import io
import json
import shutil
import zipfile
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.utils import translation

from awards.models import BaseSalary
from organizations.archive.contents import archived_models
from organizations.models import AuditEntry, Unit
from tests.factories import UnitFactory, UserFactory

PROOF = "dossiers/1/bang_chung.pdf"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def export(path):
    call_command("export_archive", str(path), stdout=io.StringIO())
    return path


def restore(path):
    call_command("import_archive", str(path), stdout=io.StringIO())


def every_row():
    """Each archived model's rows as Django serializes them, users and content types by name
    so that the ids migrate gives content types do not matter."""
    return {model._meta.label_lower: rows_of(model) for model in archived_models()}


def rows_of(model):
    many = [field.name for field in model._meta.many_to_many]
    rows = serializers.serialize(
        "python", model._base_manager.order_by("pk"), use_natural_foreign_keys=True
    )
    for row in rows:
        row["fields"].update({name: sorted(row["fields"][name]) for name in many})
    return rows


def every_file(settings):
    root = Path(settings.MEDIA_ROOT)
    return {str(path.relative_to(root)): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file()}  # fmt: skip


def a_new_installation(settings):
    """What `migrate` on a new database and an empty MEDIA_ROOT give, with the project's content
    types under other ids than before."""
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    for label in ("organizations", "indicators", "awards"):
        ContentType.objects.filter(app_label=label).delete()
        ContentType.objects.clear_cache()
        create_contenttypes(apps.get_app_config(label), verbosity=0)
        create_permissions(apps.get_app_config(label), verbosity=0)
    for migration in ("0002_preload_award_catalogue", "0004_preload_base_salary"):
        import_module(f"awards.migrations.{migration}").preload(apps, None)


@pytest.mark.django_db(transaction=True)
def test_an_archive_of_the_demo_restores_every_row_and_every_file(tmp_path, settings):
    call_command("load_demo", "--force", stdout=io.StringIO())
    rows, files = every_row(), every_file(settings)
    unit_type = ContentType.objects.get_for_model(Unit).pk
    archive = export(tmp_path / "thidua.zip")

    a_new_installation(settings)
    assert ContentType.objects.get_for_model(Unit).pk != unit_type
    restore(archive)

    assert every_row() == rows
    assert every_file(settings) == files
    assert rows["organizations.auditentry"] and rows["awards.dossierdocument"] and files
    # New rows get fresh ids (PostgreSQL's sequences were moved past the restored ones).
    assert UnitFactory(code="NEW").pk > max(row["pk"] for row in rows["organizations.unit"])
    assert UserFactory().pk > max(row["pk"] for row in rows["auth.user"])


@pytest.fixture
def archive(db, tmp_path):
    """An archive of a new installation (the preloaded catalogue) with one uploaded file."""
    default_storage.save(PROOF, ContentFile(b"%PDF-1.7 bang chung"))
    return export(tmp_path / "thidua.zip")


def altered(path, member, change):
    """A copy of the archive, written anew (so the ZIP's own checksums hold), with one member
    changed."""
    with zipfile.ZipFile(path) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    members[member] = change(members[member])
    copy = path.with_name("altered.zip")
    with zipfile.ZipFile(copy, "w") as target:
        for name, data in members.items():
            target.writestr(name, data)
    return copy


def with_manifest(path, change):
    def rewrite(data):
        manifest = json.loads(data)
        change(manifest)
        return json.dumps(manifest).encode()

    return altered(path, "manifest.json", rewrite)


def test_an_archive_restores_into_a_new_installation_and_puts_back_its_files(archive, settings):
    default_storage.delete(PROOF)
    BaseSalary.objects.update(legal_basis="changed since the backup")
    restore(archive)
    assert every_file(settings) == {PROOF: b"%PDF-1.7 bang chung"}
    assert "changed since the backup" not in BaseSalary.objects.values_list("legal_basis",
                                                                            flat=True)  # fmt: skip


def test_import_refuses_a_database_that_holds_a_user(archive):
    UserFactory(username="someone")
    with pytest.raises(CommandError, match="not empty"):
        restore(archive)


def test_import_refuses_a_database_that_holds_a_unit_and_leaves_it_as_it_was(archive):
    unit = UnitFactory(code="KEEP")
    with pytest.raises(CommandError, match="not empty"):
        restore(archive)
    assert list(Unit.objects.values_list("pk", "code")) == [(unit.pk, "KEEP")]


def test_import_refuses_a_file_whose_bytes_were_altered(archive, settings):
    default_storage.delete(PROOF)
    tampered = altered(archive, f"media/{PROOF}", lambda data: data.replace(b"bang", b"BANG"))
    with pytest.raises(CommandError, match=f"media/{PROOF} does not match its SHA-256"):
        restore(tampered)
    assert every_file(settings) == {}


def test_import_refuses_rows_that_were_altered_and_loads_nothing(archive):
    amounts = sorted(BaseSalary.objects.values_list("amount", flat=True))
    tampered = altered(archive, "data/awards.basesalary.jsonl",
                       lambda data: data.replace(b"2340000", b"9990000"))  # fmt: skip
    with pytest.raises(CommandError, match="awards.basesalary.jsonl does not match its SHA-256"):
        restore(tampered)
    assert sorted(BaseSalary.objects.values_list("amount", flat=True)) == amounts


def test_import_refuses_another_format_version(archive):
    other = with_manifest(archive, lambda manifest: manifest.update(format_version=2))
    with pytest.raises(CommandError, match="format version 2"):
        restore(other)


def test_import_refuses_another_migration_state_and_says_to_migrate(archive):
    def older(manifest):
        manifest["migrations"]["awards"] = "0003_council_decisions_proposals_publicity"

    with pytest.raises(CommandError, match="run migrate to the same version first"):
        restore(with_manifest(archive, older))


def test_import_refuses_a_file_named_outside_media_root(archive):
    def escape(manifest):
        manifest["media"][0]["path"] = "../outside.pdf"

    with pytest.raises(CommandError, match="outside MEDIA_ROOT"):
        restore(with_manifest(archive, escape))


def test_import_refuses_a_file_that_is_not_an_archive(tmp_path, db):
    path = tmp_path / "thidua.zip"
    path.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="not a readable ZIP file"):
        restore(path)


def test_the_archive_is_readable_by_its_owner_only(archive):
    assert archive.stat().st_mode & 0o777 == 0o600


def test_export_writes_content_types_by_name(tree, officer, tmp_path):
    AuditEntry.objects.create(
        actor=officer,
        content_type=ContentType.objects.get_for_model(Unit),
        object_id=str(tree["a"].pk),
        object_repr="UNIT-A",
        action="unit.updated",
    )
    with zipfile.ZipFile(export(tmp_path / "thidua.zip")) as written:
        lines = written.read("data/organizations.auditentry.jsonl").decode().splitlines()
    assert json.loads(lines[0])["fields"]["content_type"] == ["organizations", "unit"]
