"""Permission-matrix rows for the directory pages (see tests/test_permission_matrix.py).

A district officer imports units and people too: the page is theirs, and the imports refuse any
line outside their district (tested with the imports)."""

from organizations.models import Job, Notification
from tests.matrix.outcomes import (
    ADMIN,
    ALL_OK,
    MANAGE_PEOPLE,
    OFFICERS_ONLY,
    PERSONAS,
    UNIT_A_MANAGE,
    UNIT_A_READ,
)

# The log is read by auditors (viewers), the emulation office and the director, the district's
# too (their log holds their district's rows).
AUDITORS = {**dict.fromkeys(PERSONAS[1:], 403), "officer": 200, "approver": 200, "viewer": 200,
            "superuser": 200, "officer_a": 200, "approver_a": 200, "viewer_a": 200}  # fmt: skip

POST_ONLY = dict.fromkeys(PERSONAS[1:], 405)

# A background job is its owner's (and superusers'): to anyone else it does not exist.
JOB_OWNER = {**dict.fromkeys(PERSONAS[1:], 404), "officer": 200, "superuser": 200}


def _notification(get):
    notification = Notification.objects.create(user=get("clerk_a"), action="nomination.return",
                                               subject="Vàng Thị Mỷ (LDTT 2023)",
                                               url="/")  # fmt: skip
    return [notification.pk]


def _job(get):
    job = Job.objects.create(user=get("officer"), kind="people", filename="people.csv",
                             state=Job.State.DONE, result={"created": 1, "updated": 0,
                                                           "unchanged": 0})  # fmt: skip
    return [job.pk]


def _printed(get):
    """A finished print job of the officer's, with its file."""
    from django.core.files.base import ContentFile

    job = Job(user=get("officer"), kind="certificates", filename="giay-chung-nhan.pdf",
              state=Job.State.DONE, target={"pk": 1}, result={"count": 1})  # fmt: skip
    job.output.save("giay-chung-nhan.pdf", ContentFile(b"%PDF-1.7"), save=False)
    job.save()
    return [job.pk]


ROWS = {
    "home": (lambda get: [], ALL_OK),
    "healthz_me": (lambda get: [], ALL_OK),  # the bench's ceiling (organizations/accounts/views.py)
    "notification_list": (lambda get: [], ALL_OK),
    "notification_read": (_notification, POST_ONLY),
    "notification_read_all": (lambda get: [], POST_ONLY),
    "unit_tree": (lambda get: [], ALL_OK),
    "unit_detail": (lambda get: [get("tree")["a"].pk], UNIT_A_READ),
    # The unit lookup answers everyone signed in, with their own units only (an empty list
    # without a query); tests/organizations/test_unit_lookup.py checks what each one gets.
    "unit_lookup": (lambda get: [], ALL_OK),
    # The person lookup likewise, with the active people each one sees; checked in
    # tests/organizations/test_person_lookup.py.
    "person_lookup": (lambda get: [], ALL_OK),
    "person_list": (lambda get: [], ALL_OK),
    "person_create": (lambda get: [], MANAGE_PEOPLE),
    "person_detail": (lambda get: [get("person_a").pk], UNIT_A_READ),
    "person_update": (lambda get: [get("person_a").pk], UNIT_A_MANAGE),
    "audit_log": (lambda get: [], AUDITORS),
    "import_units": (lambda get: [], OFFICERS_ONLY),
    "import_people": (lambda get: [], OFFICERS_ONLY),
    "job_detail": (_job, JOB_OWNER),
    "job_status": (_job, JOB_OWNER),
    "job_output": (_printed, JOB_OWNER),
    "password_change": (lambda get: [], ALL_OK),
    "password_change_done": (lambda get: [], ALL_OK),
    "admin:index": (lambda get: [], ADMIN),
    "logout": (lambda get: [], dict.fromkeys(PERSONAS[1:], 405)),  # sign-out is POST only
}
