"""Settings for the test suite: the production settings with HTTPS-only parts relaxed so that
the test client and the live server (plain HTTP) work, and a fast password hasher."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")

from config.settings import *  # noqa: E402,F403

ALLOWED_HOSTS = ["*"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
# Rate-limit counters per test process, emptied before each test (tests/conftest.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Background jobs run inline, inside the request that enqueues them; one test runs the
# database backend and its worker (tests/organizations/test_background_imports.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if DATABASES["default"]["ENGINE"] == "config.sqlite":  # noqa: F405
    # pytest-django recognises SQLite by Django's engine name only; without this it gives each
    # xdist worker a file name instead of its own in-memory database.
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}  # noqa: F405
