"""A small fixed-window counter on the shared cache, for actions that send something outside
(password-reset e-mails): at most `limit` per key per window."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(scope, value):
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{value}".encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def allow(scope, value, *, limit, seconds):
    """Count one more hit; False once the key has had `limit` hits in the current window."""
    key = _key(scope, value)
    if cache.add(key, 1, timeout=seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=seconds)
        return True
    return count <= limit
