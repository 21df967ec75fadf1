"""What an archive holds, in which order its tables are loaded, and how a row is written."""

import datetime
import hashlib
from pathlib import PurePosixPath

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder
from django.db.migrations.loader import MigrationLoader
from django.db.models import Prefetch

FORMAT = "thidua-archive"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA_FOLDER = "data/"
MEDIA_FOLDER = "media/"

# Every model of these apps is archived, so a model added later is never forgotten.
PROJECT_APPS = ["organizations", "indicators", "awards"]
# Sessions, sign-in lockouts (axes) and the cache table are left out: they are worth nothing in
# another database. Content types and permissions are made by migrate and referred to by name.
OTHER_MODELS = ["admin.LogEntry"]

# Rows the data migrations put into every migrated database (awards 0002 and 0004): an "empty"
# database already holds them, and a restore replaces them with the archive's, which keep the
# officers' edits.
PRELOADED = {"awards.awardtype", "awards.basesalary"}

ROWS_PER_FETCH = 2000


class ArchiveRefused(Exception):
    """The archive or the database is not fit for a restore; the message says why."""


def archived_models():
    """Every model whose rows an archive holds, each after the models it refers to (the
    database checks foreign keys only at commit, so self-references and cycles still load)."""
    chosen = [get_user_model(), Group]
    for label in PROJECT_APPS:
        chosen += apps.get_app_config(label).get_models()
    chosen += [apps.get_model(label) for label in OTHER_MODELS]
    ordered = []
    remaining = list(chosen)
    while remaining:
        ready = [m for m in remaining if not (_refers_to(m) & set(remaining)) - {m}]
        for model in ready or remaining[:1]:
            ordered.append(model)
            remaining.remove(model)
    return ordered


def _refers_to(model):
    fields = [*model._meta.concrete_fields, *model._meta.many_to_many]
    return {field.related_model for field in fields if field.is_relation}


def migrated_apps(models):
    """The apps whose migration state an archive must match: those of its models, and the
    content types that its natural keys name."""
    return sorted({model._meta.app_label for model in models} | {"contenttypes"})


def migration_state(connection, app_labels):
    """The latest applied migration of each app ("" when none is)."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    applied = set(loader.applied_migrations) & set(loader.graph.nodes)
    state = {}
    for label in app_labels:
        mine = {key for key in applied if key[0] == label}
        latest = sorted(
            name
            for app, name in mine
            if not any(child.key in mine for child in loader.graph.node_map[app, name].children)
        )
        state[label] = ", ".join(latest)
    return state


def rows(model):
    """Every row of a model in primary-key order, fetched a chunk at a time."""
    related = [
        field.name
        if field.related_model is Permission
        else Prefetch(field.name, queryset=field.related_model._base_manager.only("pk"))
        for field in model._meta.many_to_many
    ]
    queryset = model._base_manager.order_by("pk").prefetch_related(*related)
    return queryset.iterator(chunk_size=ROWS_PER_FETCH)


class ExactJSONEncoder(DjangoJSONEncoder):
    """Times to the microsecond: DjangoJSONEncoder cuts them to milliseconds (ECMAScript's
    precision), and a restore must give back the audit log's times exactly."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class RowSerializer(jsonl.Serializer):
    """Django's JSON Lines serializer, with content types and permissions written by natural
    key (["organizations", "unit"]): migrate numbers them in whatever order it meets the apps,
    so their ids differ between databases. Every other reference keeps its primary key, as the
    archive keeps every row's primary key."""

    def serialize(self, queryset, **options):
        options.setdefault("cls", ExactJSONEncoder)
        return super().serialize(queryset, **options)

    def handle_fk_field(self, obj, field):
        if field.related_model is not ContentType:
            return super().handle_fk_field(obj, field)
        content_type_id = getattr(obj, field.attname)
        self._current[field.name] = (
            None if content_type_id is None else _content_type_key(content_type_id)
        )

    def handle_m2m_field(self, obj, field):
        if field.related_model is not Permission:
            return super().handle_m2m_field(obj, field)
        self._current[field.name] = sorted(
            [permission.codename, *_content_type_key(permission.content_type_id)]
            for permission in getattr(obj, field.name).all()
        )


def _content_type_key(content_type_id):
    # get_for_id answers from the content-type cache: no query per row.
    return list(ContentType.objects.get_for_id(content_type_id).natural_key())


def data_member(model):
    return f"{DATA_FOLDER}{model._meta.label_lower}.jsonl"


def media_member(name):
    return f"{MEDIA_FOLDER}{name}"


def media_names(storage):
    """Every stored file's name relative to the storage's root (MEDIA_ROOT), sorted."""
    if not storage.exists(""):
        return []
    names = []
    folders = [""]
    while folders:
        folder = folders.pop()
        directories, files = storage.listdir(folder)
        names += [f"{folder}{name}" for name in files]
        folders += [f"{folder}{name}/" for name in directories]
    return sorted(names)


def is_safe_media_name(name):
    """A relative path that stays inside MEDIA_ROOT once restored."""
    if not isinstance(name, str) or not name or "\\" in name or "\x00" in name:
        return False
    path = PurePosixPath(name)
    return (
        not path.is_absolute()
        and str(path) == name
        and all(part not in {"", ".", ".."} for part in path.parts)
    )


def sha256_of(stream):
    digest = hashlib.sha256()
    while chunk := stream.read(1 << 20):
        digest.update(chunk)
    return digest.hexdigest()
