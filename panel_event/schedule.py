"""Placing agenda items on the calendar.

Agenda items store wall-clock times; the event's day and time zone turn them into absolute
date-times for validation, calendars and structured data.
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class ScheduledAgendaItem:
    """An agenda item with absolute date-times, and where it sits in the page body."""

    stream_index: int
    item_index: int
    item: object
    starts_at: datetime.datetime
    ends_at: datetime.datetime


def schedule_agenda_items(body, default_day, tzinfo):
    """Every agenda item in ``body`` with time-zone-aware start and end date-times."""
    scheduled = []
    for stream_index, block in enumerate(body or []):
        if block.block_type != "agenda":
            continue
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
