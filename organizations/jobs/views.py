"""A background job's page, the JSON its progress bar polls and the file it made. A job is its
owner's (and superusers'); anyone else gets 404."""

from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from organizations.jobs.services import JOB_KINDS, get_job_for_user


@require_safe
def job_detail(request, pk):
    job = get_job_for_user(request.user, pk)
    spec = JOB_KINDS[job.kind]
    summary = spec.summary_text(job) if job.state == job.State.DONE else ""
    return render(
        request,
        "organizations/jobs/job_detail.html",
        {
            "job": job,
            "spec": spec,
            "title": spec.title,
            "summary": summary,
            "phase": spec.phase_label(job.phase),
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
            "phase_label": str(JOB_KINDS[job.kind].phase_label(job.phase)),
            "done": job.progress_done,
            "total": job.progress_total,
            "percent": job.percent,
            "finished": job.finished,
        }
    )


@require_safe
def job_output(request, pk):
    job = get_job_for_user(request.user, pk)
    if job.state != job.State.DONE or not job.output:
        raise Http404
    return FileResponse(job.output.open("rb"), as_attachment=True, filename=job.filename)
