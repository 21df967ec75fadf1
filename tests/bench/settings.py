"""Settings of every bench process (generator, gunicorn, measurements): production settings with
debug off, on plain HTTP at 127.0.0.1, on the bench database (DATABASE_URL, set by
tests/bench/params.py).

Debug must be off whatever the shell says: with it on, Django keeps every query of a process
in memory and the timings and peak memory would measure that."""

import os
import warnings

os.environ["DJANGO_DEBUG"] = "0"
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-secret-key-not-for-production-0123456789")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "0")
os.environ.setdefault("DJANGO_HSTS_SECONDS", "0")

from config.settings import *  # noqa: E402,F403

# No collectstatic for a bench run: static URLs come without the manifest's hashes (pages do
# not differ otherwise), and nobody loads the static files themselves.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Whitenoise looks for collected static files, which nobody requests here.
warnings.filterwarnings("ignore", message="No directory at")
# The officer's password is hashed once at generation; sign-ins go through sessions.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
