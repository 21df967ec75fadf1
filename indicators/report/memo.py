"""The computed report, kept in the worker's memory between requests.

Rolling up a department's year reads ~360,000 figures (half a second or more); every view of
the report page (another page, another sort, the downloads) shows the same numbers until a
figure, an approval state, the catalogue or the tree changes. So each worker keeps the last few
computed reports, keyed by the user's scope, the year and a *stamp* read from the shared cache
(the DatabaseCache of config/settings.py: one small query). Any change deletes the stamp (the
signals below, `forget` called by the bulk writer of indicators/entry/services/imports.py, and
organizations' `bulk_changed` sent by the units import and the archive restore), in the same
transaction as the change, so the next request computes afresh. KEEP_SECONDS bounds what
anything else could leave stale.
"""

import threading
import time
import uuid
from collections import OrderedDict

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from indicators.models import DataStatus, Indicator, IndicatorValue
from organizations.models import Unit
from organizations.scope import scope_of
from organizations.signals import bulk_changed

STAMP = "indicators:report-stamp"
KEEP_REPORTS = 4  # a department's report holds ~12 MB
KEEP_SECONDS = 600


def stamp():
    """The current stamp; a new one when a change deleted it (or the cache forgot it)."""
    current = cache.get(STAMP)
    if current is None:
        current = uuid.uuid4().hex
        if not cache.add(STAMP, current, None):
            current = cache.get(STAMP) or current
    return current


def forget(**_signal):
    """Computed reports are out of date: the next request computes afresh."""
    cache.delete(STAMP)


bulk_changed.connect(forget, dispatch_uid="report-memo-bulk")
for _model in (IndicatorValue, DataStatus, Indicator, Unit):
    post_save.connect(forget, sender=_model, dispatch_uid=f"report-memo-save-{_model.__name__}")
    post_delete.connect(forget, sender=_model, dispatch_uid=f"report-memo-del-{_model.__name__}")


def scope_key(user):
    """What the user's visible units depend on: their roles' units (or all, a superuser)."""
    scope = scope_of(user)
    return ("*",) if scope.is_superuser else tuple(sorted({g.unit_path for g in scope.grants}))


class Memo:
    """The last `size` values computed, each for at most KEEP_SECONDS."""

    def __init__(self, size):
        self.size = size
        self.values = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, compute):
        now = time.monotonic()
        with self.lock:
            found = self.values.get(key)
            if found is not None and now - found[0] < KEEP_SECONDS:
                self.values.move_to_end(key)
                return found[1]
        value = compute()
        with self.lock:
            self.values[key] = (now, value)
            self.values.move_to_end(key)
            while len(self.values) > self.size:
                self.values.popitem(last=False)
        return value

    def clear(self):
        with self.lock:
            self.values.clear()


reports = Memo(KEEP_REPORTS)
years = Memo(32)
