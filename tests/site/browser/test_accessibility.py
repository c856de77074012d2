"""Accessibility in a real browser: axe-core's WCAG 2.2 A/AA rules on the public pages in
every language at phone and desktop widths, and keyboard access to the controls readers need."""

import itertools
import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .content import LANGUAGES
from .viewports import ARTIFACTS_DIR, WIDTHS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}


def describe(violation, where):
    nodes = "\n".join(
        f"      {', '.join(map(str, node['target']))}: {node['html'][:200]}"
        for node in violation["nodes"]
    )
    return f"  {where}: {violation['id']} ({violation['impact']}) {violation['help']}\n{nodes}"


def test_public_pages_have_no_wcag_violations(page, demo_site):
    axe = Axe()
    checked, found = [], []
    for code in LANGUAGES:
        for url in (demo_site.home_url(code), *demo_site.event_urls(code)):
            for width_name, viewport in WIDTHS.items():
                page.set_viewport_size(viewport)
                response = page.goto(url)
                assert response.status == 200, url
                results = axe.run(page, options=AXE_OPTIONS).response
                assert results["passes"], f"axe-core checked nothing on {url}"
                where = f"{url} at {width_name}"
                checked.append({"page": where, "violations": len(results["violations"])})
                found.extend((where, violation) for violation in results["violations"])
    report = ARTIFACTS_DIR / "axe-report.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(
        json.dumps(
            {
                "axe-core": results["testEngine"]["version"],
                "tags": WCAG_TAGS,
                "checked": checked,
                "violations": [{"where": where, **violation} for where, violation in found],
            },
            indent=1,
            ensure_ascii=False,
        )
    )
    assert not found, (
        f"axe-core found {len(found)} WCAG 2.2 A/AA violations (details in {report}):\n"
        + "\n".join(describe(violation, where) for where, violation in found)
    )


def test_search_and_filtered_listings_have_no_wcag_violations(page, demo_site):
    axe = Axe()
    found = []
    for code in LANGUAGES:
        home = demo_site.home_url(code)
        urls = (
            f"{home}search/?q=Nis",  # results, with the filter form
            f"{home}search/?q=",  # the empty search's help and suggestions
            f"{home}search/?q=zzzqqq",  # nothing found
            f"{home}?when=past",  # a filtered listing
        )
        for url, (width_name, viewport) in itertools.product(urls, WIDTHS.items()):
            page.set_viewport_size(viewport)
            response = page.goto(url)
            assert response.status == 200, url
            results = axe.run(page, options=AXE_OPTIONS).response
            assert results["passes"], f"axe-core checked nothing on {url}"
            found.extend(
                (f"{url} at {width_name}", violation) for violation in results["violations"]
            )
    assert not found, "\n".join(describe(violation, where) for where, violation in found)


FOCUS_STYLE = """element => {
    const style = getComputedStyle(element);
    return {
        outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
        outlineVisible: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
        boxShadow: style.boxShadow,
        focusVisible: element.matches(":focus-visible"),
    };
}"""


def tab_through(page, targets, limit=80):
    """Press Tab from the top of the page until every target has had the focus.

    Returns each target's computed style while it had the keyboard focus.
    """
    handles = [target.element_handle() for target, _description in targets]
    focused = {}
    for _press in range(limit):
        page.keyboard.press("Tab")
        for index, handle in enumerate(handles):
            if index not in focused and page.evaluate(
                "element => document.activeElement === element", handle
            ):
                focused[index] = handle.evaluate(FOCUS_STYLE)
        if len(focused) == len(handles):
            return [focused[index] for index in range(len(handles))]
    missing = [
        description for index, (_t, description) in enumerate(targets) if index not in focused
    ]
    raise AssertionError(f"Not reached with {limit} presses of Tab: {missing}")


def test_keyboard_reaches_language_links_and_add_to_calendar_visibly(page, event_pages):
    for (width_name, viewport), code in itertools.product(WIDTHS.items(), LANGUAGES):
        page.set_viewport_size(viewport)
        page.goto(event_pages[code].url)
        where = f"{event_pages[code].url} at {width_name}"
        links = page.locator(".language-switcher").get_by_role("link")
        expect(links).to_have_count(len(LANGUAGES))
        targets = [
            (links.nth(index), f"{where}: language link {links.nth(index).inner_text()!r}")
            for index in range(len(LANGUAGES))
        ]
        # The .ics link; its label is in the page's language.
        calendar = page.locator(f'a[href="{event_pages[code].url}calendar.ics"]')
        expect(calendar).to_have_count(1)
        targets.append((calendar, f"{where}: {calendar.inner_text()!r} link"))

        focused_styles = tab_through(page, targets)
        page.evaluate("document.activeElement.blur()")
        for (target, description), focused in zip(targets, focused_styles, strict=True):
            unfocused = target.evaluate(FOCUS_STYLE)
            assert focused["focusVisible"], f"{description}: keyboard focus is not :focus-visible"
            assert focused["outlineVisible"] or focused["boxShadow"] != unfocused["boxShadow"], (
                f"{description} shows no focus indicator: {focused}"
            )
            assert (focused["outline"], focused["boxShadow"]) != (
                unfocused["outline"],
                unfocused["boxShadow"],
            ), f"{description} looks the same focused ({focused}) and unfocused ({unfocused})"
