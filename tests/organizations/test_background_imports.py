"""Large web imports run as background jobs (organizations.jobs) with a progress page; small
files are still imported during the request."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils.module_loading import import_string

from organizations.jobs.services import IMPORT_KINDS
from organizations.models import Job, Person
from tests.files import csv_bytes

pytestmark = pytest.mark.django_db

HEADER = ("code", "unit", "full_name", "sex", "position", "sector_start")
# Far fewer lines than a real large file: the tests lower the threshold instead.
STAFF = [HEADER] + [
    (f"NV{n:03}", "UNIT-A", f"Người thứ {n}", "M", "Chuyên viên", "2014-03-01") for n in range(40)
]


@pytest.fixture
def english_client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def low_threshold(settings):
    settings.BACKGROUND_IMPORT_BYTES = 512


def upload(client, lines, name="people.csv", **extra):
    data = csv_bytes(lines)
    return client.post(reverse("import_people"), {"file": SimpleUploadedFile(name, data)}, **extra)


def send_large(client, lines, capture):
    # The view queues the task once its transaction commits; the test's transaction never does.
    with capture(execute=True):
        response = upload(client, lines)
    job = Job.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("job_detail", args=[job.pk])
    return job


def test_a_large_file_runs_as_a_job_that_ends_with_the_counts(
    english_client, officer, low_threshold, django_capture_on_commit_callbacks
):
    english_client.force_login(officer)
    job = send_large(english_client, STAFF, django_capture_on_commit_callbacks)

    job.refresh_from_db()
    assert (job.state, job.user, job.kind) == (Job.State.DONE, officer, "people")
    assert job.result == {"created": 40, "updated": 0, "unchanged": 0}
    assert job.percent == 100
    assert Person.objects.filter(unit__code="UNIT-A").count() == 40
    assert not job.file  # the upload is deleted once the outcome is recorded
    page = english_client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert "Import finished: 40 created, 0 updated, 0 unchanged." in page
    assert "job-progress.js" not in page


def test_a_large_bad_file_ends_failed_with_its_lines_on_the_job_page(
    english_client, officer, low_threshold, django_capture_on_commit_callbacks
):
    english_client.force_login(officer)
    lines = [
        *STAFF,
        ("NV900", "NOWHERE", "Ai Đó", "M", "", ""),
        ("NV901", "UNIT-A", "", "M", "", ""),
    ]
    job = send_large(english_client, lines, django_capture_on_commit_callbacks)

    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert [error["line"] for error in job.errors] == [42, 43]
    assert not Person.objects.exists()  # all or nothing
    page = english_client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert "Nothing was imported. Correct the lines below and try again." in page
    assert "2 problems found" in page
    assert "Line 42: " in page
    assert "Line 43: " in page


def test_a_small_file_is_still_imported_during_the_request(english_client, officer, tree):
    english_client.force_login(officer)
    response = upload(english_client, STAFF[:3], follow=True)
    assert response.redirect_chain == [(reverse("import_people"), 302)]
    assert "Import finished: 2 created, 0 updated, 0 unchanged." in response.content.decode()
    assert not Job.objects.exists()


def test_another_users_job_does_not_exist_for_them(client, officer, officer_a, superuser):
    job = Job.objects.create(user=officer, kind="people", filename="people.csv")
    for url in (reverse("job_detail", args=[job.pk]), reverse("job_status", args=[job.pk])):
        client.force_login(officer_a)
        assert client.get(url).status_code == 404
        client.force_login(superuser)
        assert client.get(url).status_code == 200


def test_the_status_endpoint_reports_the_progress_as_json(english_client, officer):
    job = Job.objects.create(user=officer, kind="people", filename="people.csv")
    english_client.force_login(officer)
    url = reverse("job_status", args=[job.pk])

    queued = english_client.get(url).json()
    assert queued == {"state": "queued", "state_label": "Waiting to start", "phase": "",
                      "phase_label": "", "done": 0, "total": 100, "percent": 0,
                      "finished": False}  # fmt: skip

    Job.objects.filter(pk=job.pk).update(state="running", phase="importing", progress_done=20)
    running = english_client.get(url).json()
    assert (running["state"], running["percent"], running["finished"]) == ("running", 20, False)
    assert running["phase_label"] == "Checking and saving the lines"


def test_a_running_job_page_polls_its_status_and_offers_a_refresh_link(english_client, officer):
    job = Job.objects.create(user=officer, kind="people", filename="people.csv")
    english_client.force_login(officer)
    page = english_client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert f'data-status-url="{reverse("job_status", args=[job.pk])}"' in page
    assert "js/job-progress.js" in page
    assert f'href="{reverse("job_detail", args=[job.pk])}">Refresh</a>' in page
    assert "<script>" not in page  # no inline script under the CSP


def test_the_job_runs_with_the_scope_the_user_holds_when_it_runs(
    english_client, officer_a, low_threshold, django_capture_on_commit_callbacks
):
    """A district officer's large file naming another district is refused line by line."""
    english_client.force_login(officer_a)
    lines = [*STAFF, ("NV950", "UNIT-B", "Giàng A Páo", "M", "", "")]
    job = send_large(english_client, lines, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert [error["line"] for error in job.errors] == [42]


# The worker closes its database connection when it stops: outside a test transaction, the
# test's next query simply opens a new one (as the web process would).
@pytest.mark.django_db(transaction=True)
def test_the_database_queue_and_its_worker_process_the_job(
    english_client, officer, low_threshold, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    english_client.force_login(officer)
    job = send_large(english_client, STAFF, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.state == Job.State.QUEUED  # waiting for the worker
    assert english_client.get(reverse("job_status", args=[job.pk])).json()["percent"] == 0

    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)

    job.refresh_from_db()
    assert job.state == Job.State.DONE
    assert job.result == {"created": 40, "updated": 0, "unchanged": 0}
    assert Person.objects.count() == 40


@pytest.mark.parametrize("kind", sorted(IMPORT_KINDS))
def test_every_background_kind_names_a_service_and_its_page(kind, tree):
    spec = IMPORT_KINDS[kind]
    assert callable(import_string(spec.service))
    assert spec.back_url(kind, {"unit": tree["a"].pk, "year": 2024}).startswith("/")


def test_a_large_figures_upload_returns_to_its_entry_grid(
    english_client, clerk_a, tree, low_threshold, django_capture_on_commit_callbacks
):
    english_client.force_login(clerk_a)
    header = ("indicator", "unit", "year", "target", "result")
    lines = [header] + [("NOPE", "UNIT-A", "2024", "1", "1")] * 60
    url = reverse("figures_upload", args=[tree["a"].pk, 2024])
    with django_capture_on_commit_callbacks(execute=True):
        english_client.post(url, {"file": SimpleUploadedFile("figures.csv", csv_bytes(lines))})
    job = Job.objects.get()
    assert (job.kind, job.target, job.state) == ("values", {"unit": tree["a"].pk, "year": 2024},
                                                 Job.State.FAILED)  # fmt: skip
    page = english_client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert reverse("figures_entry", args=[tree["a"].pk, 2024]) in page
    assert page.count("Line ") == 60  # the unknown indicator, on every line
