"""Refresh schedules: cron expressions (UTC) read with ``cronsim``.

One place parses them, so ``datamap source add --schedule`` refuses what the ops
dashboard could not read later, and "late" means the same everywhere.
"""
from __future__ import annotations

import datetime as _dt

from datamap.resources.errors import InvalidSchedule


def next_fire(cron: str, after: _dt.datetime) -> _dt.datetime:
    """The first time after ``after`` that ``cron`` (UTC) fires."""
    from cronsim import CronSim, CronSimError

    try:
        return next(CronSim(cron, after.astimezone(_dt.timezone.utc)))
    except (CronSimError, StopIteration) as e:
        raise InvalidSchedule(f"schedule {cron!r} is not a cron expression datamap can read ({e}); "
                              "use five fields in UTC, e.g. --schedule '0 3 * * *' (03:00 daily)") from e


def check_schedule(cron: str) -> str:
    """``cron`` when it parses, else InvalidSchedule naming it."""
    next_fire(cron, _dt.datetime.now(_dt.timezone.utc))
    return cron
