"""Genuine races on PostgreSQL row locks, for the tests that two people acting at once on the
same row cannot both succeed.

The test's own connection holds the row locked while the threads start; once every thread is
queued on that lock it is released, so they really compete instead of running one after another.
"""

import threading
import time

from django.db import connection, transaction


def waiting_on_locks():
    """Sessions of this test database waiting for a lock (other databases on the server may be
    running their own tests)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(DISTINCT l.pid) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            " WHERE NOT l.granted AND a.datname = current_database()"
        )
        return cursor.fetchone()[0]


def race(row, *actions, timeout=20):
    """Run the actions in threads that start together while `row` is locked, then release it.
    Returns each action's outcome: its return value or the exception it raised."""
    outcomes = [None] * len(actions)
    barrier = threading.Barrier(len(actions) + 1)

    def run(index, action):
        try:
            barrier.wait(timeout=timeout)
            outcomes[index] = action()
        except Exception as error:  # noqa: BLE001 - the outcome is what the test inspects
            outcomes[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(i, action), daemon=True)
        for i, action in enumerate(actions)
    ]
    with transaction.atomic():
        type(row).objects.select_for_update().get(pk=row.pk)
        for thread in threads:
            thread.start()
        barrier.wait(timeout=timeout)
        deadline = time.monotonic() + timeout
        while waiting_on_locks() < len(actions):
            assert time.monotonic() < deadline, "the threads never queued on the row lock"
            time.sleep(0.02)
    for thread in threads:
        thread.join(timeout=timeout)
        assert not thread.is_alive(), "a thread is stuck"
    return outcomes
