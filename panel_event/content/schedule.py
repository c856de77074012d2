"""Placing agenda items on the calendar.

Agenda items store wall-clock times; the event's day and time zone turn them into absolute
date-times for validation, calendars and structured data.
"""

import datetime
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

# The zone a new event's times are read in until its editor names another.
DEFAULT_EVENT_TIME_ZONE = "Europe/Belgrade"


@dataclass(frozen=True)
class ScheduledAgendaItem:
    """An agenda item with absolute date-times, and where it sits in the page body."""

    stream_index: int
    item_index: int
    item: object
    starts_at: datetime.datetime
    ends_at: datetime.datetime


def agenda_blocks(body):
    """(position, block) of each agenda block in ``body``.

    A stored body is read from its raw data, so the other blocks are never turned into values:
    that would read the images and documents they choose from the database, once per page.
    """
    raw_data = getattr(body, "raw_data", None)
    if raw_data is None:
        return [
            (index, block) for index, block in enumerate(body or []) if block.block_type == "agenda"
        ]
    return [(index, body[index]) for index, raw in enumerate(raw_data) if raw["type"] == "agenda"]


def schedule_agenda_items(body, default_day, tzinfo):
    """Every agenda item in ``body`` with time-zone-aware start and end date-times."""
    scheduled = []
    for stream_index, block in agenda_blocks(body):
        day = block.value.get("date") or default_day
        for item_index, item in enumerate(block.value["items"]):
            if item["start_time"] is None or item["end_time"] is None:
                continue  # an unfinished draft item has no place on the calendar yet
            scheduled.append(
                ScheduledAgendaItem(
                    stream_index=stream_index,
                    item_index=item_index,
                    item=item,
                    starts_at=datetime.datetime.combine(day, item["start_time"], tzinfo),
                    ends_at=datetime.datetime.combine(day, item["end_time"], tzinfo),
                )
            )
    return scheduled


@dataclass(frozen=True)
class EventWindow:
    """When the event being edited starts and ends, in its own time zone."""

    starts_at: datetime.datetime
    ends_at: datetime.datetime
    tzinfo: datetime.tzinfo

    @property
    def first_day(self):
        return self.starts_at.astimezone(self.tzinfo).date()

    def place(self, day, start_time, end_time):
        """An agenda item's start and end as date-times in the event's zone."""
        return (
            datetime.datetime.combine(day or self.first_day, start_time, self.tzinfo),
            datetime.datetime.combine(day or self.first_day, end_time, self.tzinfo),
        )


# Agenda blocks are cleaned deep inside the page form's StreamField; the form sets the event's
# window here while it cleans, so each agenda can check its items against it in the same pass.
_event_window = ContextVar("panel_event_event_window", default=None)


@contextmanager
def checking_against(window):
    token = _event_window.set(window)
    try:
        yield
    finally:
        _event_window.reset(token)


def current_event_window():
    """The EventWindow set by ``checking_against``, or None outside the event editor."""
    return _event_window.get()
