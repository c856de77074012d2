"""The facts an event page prints and the same facts from the JSON API, for tests that compare
the two: the plugin's (``tests/plugin/outputs/test_api.py``) and the demo site's."""

import json

from bs4 import BeautifulSoup


def text_of(element):
    return element.get_text(strip=True) if element is not None else None


def shows_venue(data):
    """The page names the venue only for an event that takes place in person."""
    in_person = data["attendance_mode"]["code"] != "online"
    return in_person and data["status"]["code"] != "moved_online" and data["venue"] is not None


def page_facts(html):
    """Title, type, times, venue, agenda and speakers as an event page's HTML prints them."""
    soup = BeautifulSoup(html, "html.parser")
    [structured] = [
        json.loads(script.string)
        for script in soup.select('script[type="application/ld+json"]')
        if '"Event"' in script.string
    ]
    return {
        "title": soup.select_one("h1").get_text(strip=True),
        "event_type": soup.select_one(".event-header__type").get_text(strip=True),
        "starts_at": soup.select_one(".event-summary time")["datetime"],
        "ends_at": structured["endDate"],
        "venue": text_of(soup.select_one(".event-summary strong")),
        "agendas": [
            {
                "title": agenda.select_one("h2").get_text(strip=True),
                "items": [
                    {
                        "times": [
                            time["datetime"] for time in item.select(".agenda-item__time time")
                        ],
                        "title": item.select_one(".agenda-item__title").get_text(strip=True),
                        "speakers": [
                            [
                                part.get_text(strip=True)
                                for part in speaker.select(
                                    ".speaker__name, .speaker__role, .speaker__organisation"
                                )
                            ]
                            for speaker in item.select(".speaker")
                        ],
                    }
                    for item in agenda.select(".agenda-item")
                ],
            }
            for agenda in soup.select("section.agenda")
        ],
    }


def api_facts(data):
    """The same facts, from the API's JSON."""
    return {
        "title": data["title"],
        "event_type": data["event_type"]["label"],
        "starts_at": data["starts_at"],
        "ends_at": data["ends_at"],
        "venue": data["venue"]["name"] if shows_venue(data) else None,
        "agendas": [
            {
                "title": agenda["title"],
                "items": [
                    {
                        "times": [item["starts_at"], item["ends_at"]],
                        "title": item["title"],
                        "speakers": [
                            [
                                value
                                for value in (
                                    speaker["name"],
                                    speaker["role"],
                                    (speaker["organisation"] or {}).get("name"),
                                )
                                if value
                            ]
                            for speaker in item["speakers"]
                        ],
                    }
                    for item in agenda["items"]
                ],
            }
            for agenda in data["agendas"]
        ],
    }
