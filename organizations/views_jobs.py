"""A background job's page and the JSON its progress bar polls. A job is its owner's (and
superusers'); anyone else gets 404."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from organizations.jobs import IMPORT_KINDS, PHASE_LABELS, get_job_for_user


@require_safe
def job_detail(request, pk):
    job = get_job_for_user(request.user, pk)
    spec = IMPORT_KINDS[job.kind]
    summary = spec.summary % job.result if job.state == job.State.DONE else ""
    return render(
        request,
        "organizations/job_detail.html",
        {
            "job": job,
            "title": spec.title,
            "summary": summary,
            "phase": PHASE_LABELS.get(job.phase, ""),
            "errors": job.errors if job.state == job.State.FAILED else [],
            "back_url": spec.back_url(job.kind, job.target),
        },
    )


@require_safe
def job_status(request, pk):
    job = get_job_for_user(request.user, pk)
    return JsonResponse(
        {
            "state": job.state,
            "state_label": job.get_state_display(),
            "phase": job.phase,
            "phase_label": str(PHASE_LABELS.get(job.phase, "")),
            "done": job.progress_done,
            "total": job.progress_total,
            "percent": job.percent,
            "finished": job.finished,
        }
    )
