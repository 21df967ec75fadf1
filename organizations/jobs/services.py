"""Background jobs through the Django tasks API (django-tasks): large web imports, and work
that makes a file (every certificate of a decision in one PDF).

A `Job` row records who asked for what, and only the job's id goes on the task queue; the row's
kind picks its entry in `JOB_KINDS`, which says how to run it and how its page reads.

Imports: a file above `BACKGROUND_IMPORT_BYTES` is stored under MEDIA_ROOT/jobs/. The task
reruns the same import service the page calls for a small file, with the scope the user holds
when it runs, and keeps the counts or every refused line on the job. The services are
all-or-nothing, so progress is reported by phase (waiting, reading, importing, done) rather than
line by line.

Files made in the background (`TaskKind`): the runner checks again that the user may still ask
for it, reports its own progress (`JobProgress`) and returns the file, which the job keeps under
MEDIA_ROOT/jobs/ for its owner to download.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy
from django_tasks import task

from organizations.access import may_department_wide, units_where
from organizations.models import Job
from organizations.tabular import ImportRefused

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImportKind:
    title: str
    service: str  # dotted path, resolved when the job runs (no import cycle between the apps)
    action: str
    # True: the service takes no unit scope, the role must be held department-wide (catalogues).
    department_wide: bool = False
    # Wording of the success line; "%(created)s" etc. come from the service's ImportResult.
    summary: str = field(
        default=gettext_lazy(
            "Import finished: %(created)s created, %(updated)s updated, %(unchanged)s unchanged."
        )
    )

    is_import = True
    back_label = gettext_lazy("Back to the import page")
    unexpected = gettext_lazy("The import stopped on an unexpected error; nothing was saved.")

    def back_url(self, kind, target):
        if kind == "values":
            return reverse("figures_entry", args=[target["unit"], target["year"]])
        return reverse(f"import_{kind}")

    def phase_label(self, phase):
        return PHASE_LABELS.get(phase, "")

    def summary_text(self, job):
        return self.summary % job.result

    def run(self, job):
        _run_import(job, self)


IMPORT_KINDS = {
    "units": ImportKind(
        gettext_lazy("Import units"), "organizations.imports.units_import", "directory.import"
    ),
    "people": ImportKind(
        gettext_lazy("Import people"), "organizations.imports.people_import", "directory.import"
    ),
    "indicators": ImportKind(
        gettext_lazy("Import indicators"),
        "indicators.catalogue.imports.indicators_import",
        "indicator.catalogue",
        department_wide=True,
    ),
    "values": ImportKind(
        gettext_lazy("Upload figures"),
        "indicators.entry.services.values_import",
        "indicator.enter",
        summary=gettext_lazy(
            "Upload finished: %(created)s figures created, %(updated)s updated, "
            "%(unchanged)s unchanged."
        ),
    ),
    "ratings": ImportKind(
        gettext_lazy("Import annual ratings"),
        "awards.history.services.ratings_import",
        "award.inputs",
    ),
    "initiatives": ImportKind(
        gettext_lazy("Import initiatives"),
        "awards.history.services.initiatives_import",
        "award.inputs",
    ),
    "holds": ImportKind(
        gettext_lazy("Import holds"), "awards.history.services.holds_import", "award.history"
    ),
    "awards": ImportKind(
        gettext_lazy("Import past awards"),
        "awards.history.services.awards_import",
        "award.history",
    ),
    "clusters": ImportKind(
        gettext_lazy("Import emulation clusters and blocks"),
        "awards.history.services.clusters_import",
        "award.history",
    ),
}


class JobRefused(Exception):
    """A runner's way to end its job as failed with a message for the user (the user may no
    longer ask for it, there is nothing left to do, …)."""


@dataclass(frozen=True)
class JobFile:
    """What a runner made: the file's bytes and the job's result, e.g. {"count": 12}."""

    data: bytes
    result: dict


@dataclass(frozen=True)
class TaskKind:
    """A job that makes a file. `runner` is a dotted path to `runner(job=…, progress=…)`, which
    returns a JobFile or raises JobRefused; `back_view` is the URL name of the page the job was
    started from, called with target["pk"]."""

    title: str
    runner: str
    back_view: str
    back_label: str
    summary: str  # "%(count)s" etc. come from the JobFile's result
    unexpected: str
    phases: tuple = ()  # (code, label) pairs the runner reports

    is_import = False

    def back_url(self, kind, target):
        return reverse(self.back_view, args=[target["pk"]])

    def phase_label(self, phase):
        return dict(self.phases).get(phase, "")

    def summary_text(self, job):
        return self.summary % job.result

    def run(self, job):
        runner = import_string(self.runner)
        try:
            made = runner(job=job, progress=JobProgress(job))
        except JobRefused as refusal:
            _failure(job, str(refusal))
            return
        job.output.save(job.filename, ContentFile(made.data), save=False)
        _finish(job, Job.State.DONE, result=made.result)


class JobProgress:
    """The runner's progress as the page shows it: `start(total, phase)`, then `(done)` as often
    as the runner likes (each call is one UPDATE of the job's row, so call it every few pages,
    not every page), `phase(code)` when the work changes kind."""

    def __init__(self, job):
        self.job = job

    def start(self, total, phase=""):
        self._save(progress_total=max(total, 1), progress_done=0, phase=phase)

    def __call__(self, done):
        self._save(progress_done=min(done, self.job.progress_total))

    def phase(self, phase):
        self._save(phase=phase)

    def _save(self, **values):
        for name, value in values.items():
            setattr(self.job, name, value)
        Job.objects.filter(pk=self.job.pk).update(**values)


JOB_KINDS = {
    **IMPORT_KINDS,
    "certificates": TaskKind(
        title=gettext_lazy("Print every certificate of a decision"),
        runner="awards.certificates.printing.print_job_run",
        back_view="decision_detail",
        back_label=gettext_lazy("Back to the decision"),
        summary=ngettext_lazy(
            "%(count)s certificate, on one page.",
            "%(count)s certificates, one per page, in the order of the annex.",
            "count",
        ),
        unexpected=gettext_lazy("Printing stopped on an unexpected error."),
        phases=(
            ("layout", gettext_lazy("Laying out the certificates")),
            ("writing", gettext_lazy("Writing the PDF file")),
        ),
    ),
}

# Percent shown for each phase; the import itself is one all-or-nothing call.
PHASES = {"reading": 5, "importing": 20}
PHASE_LABELS = {
    "reading": gettext_lazy("Reading the file"),
    "importing": gettext_lazy("Checking and saving the lines"),
}


def runs_in_background(upload):
    return upload.size > settings.BACKGROUND_IMPORT_BYTES


def import_in_background(request, *, kind, upload, target=None):
    """Store the upload, record the job, queue it and send the user to its page."""
    assert kind in IMPORT_KINDS, kind
    upload.seek(0)
    job = Job(user=request.user, kind=kind, target=target or {}, filename=upload.name[:255],
              language=translation.get_language() or settings.LANGUAGE_CODE)  # fmt: skip
    job.file.save(upload.name, ContentFile(upload.read()), save=False)
    job.save()
    _queue(job)
    return redirect("job_detail", pk=job.pk)


def job_start(*, user, kind, target, filename):
    """Record a job that makes a file (a TaskKind) and queue it; `filename` is the name the
    file downloads under. The caller sends the user to the job's page."""
    assert isinstance(JOB_KINDS[kind], TaskKind), kind
    language = translation.get_language() or settings.LANGUAGE_CODE
    job = Job.objects.create(user=user, kind=kind, target=target, filename=filename[:255],
                             language=language)  # fmt: skip
    _queue(job)
    return job


def _queue(job):
    # The worker may look for the row as soon as the task exists: queue it once it is committed.
    transaction.on_commit(lambda: run_job.enqueue(job.pk))


def get_job_for_user(user, pk):
    return get_object_or_404(Job.objects.visible_to(user), pk=pk)


def _advance(job, phase):
    job.phase = phase
    job.progress_done = PHASES[phase]
    job.save(update_fields=["phase", "progress_done"])


def _finish(job, state, *, result=None, errors=()):
    """`errors`: (line, message) pairs, the line None for a failure no line explains."""
    job.state = state
    job.phase = ""
    job.progress_done = job.progress_total
    job.result = result or {}
    job.errors = [{"line": line, "message": str(message)} for line, message in errors]
    job.finished_at = timezone.now()
    # The upload named people and figures; once the outcome is recorded it is not needed.
    if job.file:
        job.file.delete(save=False)
    fields = ["state", "phase", "progress_done", "result", "errors", "finished_at", "file",
              "output"]  # fmt: skip
    job.save(update_fields=fields)


def _failure(job, message):
    _finish(job, Job.State.FAILED, errors=[(None, message)])


@task()
def run_job(job_id):
    # Claim the job with a conditional update, so that a task delivered twice runs it once.
    claimed = Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return None
    job = Job.objects.select_related("user").get(pk=job_id)
    spec = JOB_KINDS[job.kind]
    with translation.override(job.language):
        try:
            spec.run(job)
        except Exception:
            logger.exception("Background job %s (%s) failed", job.pk, job.kind)
            _failure(job, str(spec.unexpected))
            raise
    return job.state


def _run_import(job, spec):
    user = job.user
    # The scope is the one the user holds now, not when the file was sent.
    if spec.department_wide:
        if not user.is_active or not may_department_wide(user, spec.action):
            _failure(job, _("You may no longer run this import."))
            return
        scope = {}
    else:
        allowed = units_where(user, spec.action) if user.is_active else None
        if allowed is None or not allowed.exists():
            _failure(job, _("You may no longer run this import."))
            return
        scope = {"allowed_units": allowed}
    _advance(job, "reading")
    with job.file.open("rb") as stored:
        data = stored.read()
    _advance(job, "importing")
    service = import_string(spec.service)
    try:
        result = service(data=data, filename=job.filename, actor=user, **scope)
    except ImportRefused as refusal:
        _finish(job, Job.State.FAILED, errors=[(e.line, e.message) for e in refusal.errors])
    else:
        counts = {name: getattr(result, name) for name in ("created", "updated", "unchanged")}
        _finish(job, Job.State.DONE, result=counts)
