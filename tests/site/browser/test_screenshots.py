"""Full-page screenshots of the event page in each language, phone and desktop sized, for
people to look at (``make screenshots``; written to artifacts/screenshots/)."""

import pytest

from .content import LANGUAGES
from .viewports import DESKTOP, MOBILE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_screenshot_event_page(page, demo_site, screenshots_dir):
    event = demo_site.events[0]
    written = []
    for code in LANGUAGES:
        for viewport in (MOBILE, DESKTOP):
            page.set_viewport_size(viewport)
            response = page.goto(event[code].url)
            assert response.status == 200
            path = screenshots_dir / f"event-{code}-{viewport['width']}px.png"
            page.screenshot(path=path, full_page=True)
            written.append(path)
    for path in written:
        assert path.stat().st_size > 10_000, f"{path} looks empty"
