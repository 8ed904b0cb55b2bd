"""Links to outside services (maps, video embeds, calendar apps, profiles). They change
their URLs now and then, so every one of them is built here and nowhere else."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import parse_qs, quote_plus, urlencode, urlsplit

from ..content.model import Venue
from ..timeutil import Moment, first_day

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")


def map_url(venue: Venue) -> str | None:
    if venue.lat is not None and venue.lon is not None:
        query = f"{venue.lat},{venue.lon}"
    elif venue.address:
        query = venue.address
    else:
        return None
    return f"https://www.google.com/maps/search/?api=1&query={quote_plus(query)}"


def video_embed(url: str) -> str | None:
    """The embeddable player URL of a YouTube or Vimeo link, or None for other links."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    video_id = None
    if host == "youtube.com":
        video_id = parse_qs(parts.query).get("v", [None])[0]
        if parts.path.startswith(("/embed/", "/shorts/", "/live/")):
            video_id = parts.path.split("/")[2]
    elif host == "youtu.be":
        video_id = parts.path.lstrip("/")
    elif host == "vimeo.com" and parts.path.strip("/").isdigit():
        return f"https://player.vimeo.com/video/{parts.path.strip('/')}"
    if video_id and _YOUTUBE_ID.match(video_id):
        return f"https://www.youtube-nocookie.com/embed/{video_id}"
    return None


_PROFILES = {
    "github": "https://github.com/{}",
    "x": "https://x.com/{}",
    "twitter": "https://x.com/{}",
    "bluesky": "https://bsky.app/profile/{}",
    "linkedin": "https://www.linkedin.com/in/{}",
    "instagram": "https://www.instagram.com/{}",
    "connpass": "https://connpass.com/user/{}",
    "qiita": "https://qiita.com/{}",
    "zenn": "https://zenn.dev/{}",
    "note": "https://note.com/{}",
}


def profile_url(network: str, value: str) -> str | None:
    """A member's link as a URL: written as one, or as a handle on a known network."""
    if value.startswith(("https://", "http://", "mailto:")):
        return value
    handle = value.strip().lstrip("@")
    if network == "mastodon" and "@" in handle:
        user, host = handle.split("@", 1)
        return f"https://{host}/@{user}"
    template = _PROFILES.get(network.lower())
    return template.format(handle) if template and handle else None


def webcal_url(ics_url: str) -> str:
    """A subscription link: calendar apps open webcal:// and keep the calendar in sync."""
    return "webcal://" + ics_url.split("://", 1)[-1]


def google_calendar_url(title: str, start: Moment, end: Moment, details: str, location: str | None) -> str:
    """Google Calendar's 'add event' form, filled in; ``end`` is exclusive for all-day events."""
    if isinstance(start, datetime) and isinstance(end, datetime):
        dates = f"{_utc(start)}/{_utc(end)}"
    else:
        dates = f"{first_day(start):%Y%m%d}/{first_day(end):%Y%m%d}"
    query = {"action": "TEMPLATE", "text": title, "dates": dates, "details": details, "location": location or ""}
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


def outlook_calendar_url(title: str, start: Moment, end: Moment, details: str, location: str | None) -> str:
    """Outlook on the web's compose form; all-day events pass dates and allday=true."""
    all_day = not isinstance(start, datetime)
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": title,
        "startdt": start.isoformat(),
        "enddt": end.isoformat(),
        "allday": "true" if all_day else "false",
        "body": details,
        "location": location or "",
    }
    return "https://outlook.live.com/calendar/0/action/compose?" + urlencode(query)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
