"""Background jobs: what each kind of job runs and how it is queued (`services`), and the job's
page, its progress and the file it made (`views`)."""
