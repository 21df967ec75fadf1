"""Writes to the people of the directory (their imports are in organizations.imports). Each
function runs in one transaction."""

from django.db import transaction

from organizations.audit.services import audit_record, changes_between, changes_created
from organizations.models import Person

PERSON_FIELDS = [
    "full_name",
    "sex",
    "date_of_birth",
    "position",
    "unit",
    "sector_start",
    "is_active",
]


@transaction.atomic
def person_create(*, actor, **values):
    person = Person(**values)
    person.full_clean()
    person.save()
    audit_record(
        actor=actor,
        obj=person,
        action="person.create",
        changes=changes_created({f: getattr(person, f) for f in ["code", *PERSON_FIELDS]}),
    )
    return person


@transaction.atomic
def person_update(*, actor, person, **values):
    locked = Person.objects.select_for_update().get(pk=person.pk)
    diff = changes_between(locked, values)
    if not diff:
        return locked
    for name, value in values.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    audit_record(actor=actor, obj=locked, action="person.update", changes=diff)
    return locked
