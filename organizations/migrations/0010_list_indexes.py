"""Indexes for the long lists: the people list's order, the audit log's order and action
filter, and on PostgreSQL trigram indexes so that `search_text LIKE '%x%'` (the folded,
diacritics-free text every search reads) and the staff-number search are not table scans.

SQLite has neither trigram indexes nor another way to serve a substring search; there the
search stays a scan of one table, read once per page (organizations.paging)."""

from django.conf import settings
from django.db import migrations, models

# Index name -> (table, indexed expression).
POSTGRES_INDEXES = {
    "person_search_trgm_idx": ("organizations_person", "search_text gin_trgm_ops"),
    "unit_search_trgm_idx": ("organizations_unit", "search_text gin_trgm_ops"),
    "audit_search_trgm_idx": ("organizations_auditentry", "search_text gin_trgm_ops"),
}
# `code__iexact` compiles to UPPER("code"::text) = UPPER(%s) on PostgreSQL.
POSTGRES_UPPER_INDEXES = {
    "person_code_upper_idx": ("organizations_person", "code"),
}


def create_postgres_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, (table, expression) in POSTGRES_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({expression})"
        )
    for name, (table, column) in POSTGRES_UPPER_INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {name} ON {table} (UPPER("{column}"::text))'
        )


def drop_postgres_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # The extension stays: something else may use it by now.
    for name in [*POSTGRES_INDEXES, *POSTGRES_UPPER_INDEXES]:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("organizations", "0009_job_keeps_the_file_it_made"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="person",
            name="person_sort_name_idx",
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="when"),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(fields=["at", "id"], name="audit_list_order_idx"),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(
                fields=["action"], name="audit_action_idx", opclasses=["varchar_pattern_ops"]
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                fields=["sort_name", "code", "unit", "id"], name="person_list_order_idx"
            ),
        ),
        migrations.RunPython(create_postgres_indexes, drop_postgres_indexes),
    ]
