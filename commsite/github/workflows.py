"""The GitHub Actions workflows of a hub: publishing to Pages, and contributions from issues.

They are written from the files beside this module, with the commsite to install and, for
publishing, the daily rebuild's time: early in the morning in the hub's own time zone.
"""

from __future__ import annotations

from datetime import datetime
from importlib import resources
from zoneinfo import ZoneInfo

from ..version import __version__

WORKFLOWS_FOLDER = ".github/workflows"
PINNED = f"commsite=={__version__}"
_PINNED_NOTE = "The commsite this hub was made with. For a newer one, change the version (see commsite's README)."
REBUILD_AT = (3, 0)  # local time of the daily rebuild: yesterday's events are past, today's still to come


def pages_workflow(timezone: str, install: str = PINNED, note: str = _PINNED_NOTE) -> str:
    """The workflow that publishes the hub on every push to main and once a day."""
    return (
        _template("pages.yml")
        .replace("@SCHEDULE_NOTE@", _schedule_note(timezone))
        .replace("@CRON@", daily_cron(timezone))
        .replace("@INSTALL_NOTE@", note)
        .replace("@INSTALL@", install)
    )


def contribute_workflow(install: str = PINNED, note: str = _PINNED_NOTE) -> str:
    """The workflow that turns an accepted issue into a pull request (or a comment on it)."""
    return _template("contribute.yml").replace("@INSTALL_NOTE@", note).replace("@INSTALL@", install)


def daily_cron(timezone: str) -> str:
    """``REBUILD_AT`` in ``timezone``, as the UTC cron GitHub reads. Where clocks change, the
    standard time's: in summer time the rebuild comes an hour later, still early."""
    hour, minute = REBUILD_AT
    utc = _standard(timezone).utcoffset()
    assert utc is not None
    minutes = (hour * 60 + minute - int(utc.total_seconds()) // 60) % (24 * 60)
    return f"{minutes % 60} {minutes // 60} * * *"


def _schedule_note(timezone: str) -> str:
    hour, minute = REBUILD_AT
    return (
        f'Every day at {hour:02d}:{minute:02d} in {timezone} (cron is in UTC), so that "upcoming" and "past" stay true.'
    )


def _standard(timezone: str) -> datetime:
    """A moment of the zone's standard time: of January and July, the one with the smaller offset."""
    zone = ZoneInfo(timezone)
    moments = [datetime(datetime.now().year, month, 1, 12, tzinfo=zone) for month in (1, 7)]
    return min(moments, key=lambda moment: moment.utcoffset() or 0)


def _template(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text("utf-8")
