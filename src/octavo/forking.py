"""Whether this process may fork its workers.

A forked worker starts with octavo (and WeasyPrint, the fonts, the stylesheets) already loaded,
which saves a third of a second or more per worker; but forking a process that runs threads can
deadlock the child, and some platforms cannot fork at all.
"""

from __future__ import annotations


def can_fork() -> bool:
    import multiprocessing
    import threading

    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
