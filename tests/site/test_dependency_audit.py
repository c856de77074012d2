"""The dependency audit's fallback decisions (tools/audit_dependencies.py), on PyPI-shaped data."""

import datetime
import importlib.util
from pathlib import Path

import pytest

TOOL_PATH = Path(__file__).resolve().parents[2] / "tools" / "audit_dependencies.py"
spec = importlib.util.spec_from_file_location("audit_dependencies", TOOL_PATH)
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)

TODAY = datetime.date(2026, 11, 28)


def release(uploaded, yanked=False):
    return [{"upload_time_iso_8601": f"{uploaded}T10:00:00.000000Z", "yanked": yanked}]


def project(releases, vulnerabilities=()):
    """The parts of PyPI's /pypi/<name>/json that the audit reads; newest is the highest final."""
    newest = max(
        (
            audit.Version(version)
            for version in releases
            if not audit.Version(version).is_prerelease
        ),
    )
    return {
        "info": {"version": str(newest)},
        "releases": releases,
        "vulnerabilities": list(vulnerabilities),
    }


def test_newest_release_with_no_listed_vulnerability_is_clean():
    data = project({"5.1.0": release("2026-01-10"), "5.2.0": release("2026-09-01")})

    report = audit.check_against_project_json("Example", "5.2.0", data, TODAY)

    assert (report.findings, report.notes) == ([], [])


def test_pin_behind_a_patch_release_of_its_series_is_a_finding():
    data = project(
        {
            "5.2.0": release("2026-04-01"),
            "5.2.1": release("2026-06-01"),
            "5.2.2": release("2026-09-01"),
            "5.3rc1": release("2026-10-01"),
        }
    )

    report = audit.check_against_project_json("Example", "5.2.1", data, TODAY)

    assert report.findings == ["5.2.2 is out in the same series; upgrade the pin to it"]


def test_yanked_patch_release_does_not_count_as_newer():
    data = project({"5.2.1": release("2026-06-01"), "5.2.2": release("2026-09-01", yanked=True)})

    report = audit.check_against_project_json("Example", "5.2.1", data, TODAY)

    assert report.findings == []


def test_yanked_pin_is_a_finding():
    data = project({"5.2.1": release("2026-06-01", yanked=True), "5.2.2": release("2026-09-01")})

    report = audit.check_against_project_json("Example", "5.2.1", data, TODAY)

    assert report.findings == [
        "the pinned release is yanked",
        "5.2.2 is out in the same series; upgrade the pin to it",
    ]


def test_vulnerability_open_in_the_newest_release_is_a_finding():
    vulnerability = {"id": "PYSEC-2026-1", "fixed_in": [], "withdrawn": None}
    withdrawn = {"id": "PYSEC-2026-2", "fixed_in": ["9.9"], "withdrawn": "2026-02-01T00:00:00Z"}
    data = project({"2.0": release("2026-06-01")}, [vulnerability, withdrawn])

    report = audit.check_against_project_json("Example", "2.0", data, TODAY)

    assert report.findings == [
        "PYSEC-2026-1 is open in the newest release 2.0 (fixed in no fixed release)"
    ]


def test_older_series_still_released_is_noted_for_a_person_to_confirm():
    data = project({"5.2.19": release("2026-11-03"), "6.1.3": release("2026-11-03")})

    report = audit.check_against_project_json("Django", "5.2.19", data, TODAY)

    assert report.findings == []
    assert report.notes == [
        "newest is 6.1.3; the pinned series last released on 2026-11-03 (25 days ago)"
    ]


def test_older_series_without_a_release_for_a_year_is_a_finding():
    data = project({"6.4.0": release("2025-08-07"), "8.1.0": release("2026-10-01")})

    report = audit.check_against_project_json("redis", "6.4.0", data, TODAY)

    assert report.findings == [
        "newest is 8.1.0; the pinned series last released on 2025-08-07 (478 days ago): "
        "probably out of support, move to a newer series"
    ]


def test_pin_missing_from_pypi_is_a_finding():
    data = project({"1.0": release("2026-01-01")})

    report = audit.check_against_project_json("Example", "0.9", data, TODAY)

    assert report.findings == ["the pinned release is not on PyPI"]


def test_lock_file_lines_must_be_exact_pins(tmp_path):
    lock = tmp_path / "requirements.lock"
    lock.write_text("# pins\nDjango==5.2.19  # LTS\n\npsycopg[binary]==3.3.9\n")
    assert audit.read_pins(lock) == [("Django", "5.2.19"), ("psycopg", "3.3.9")]

    lock.write_text("Django>=5.2\n")
    with pytest.raises(SystemExit, match="is not pinned with =="):
        audit.read_pins(lock)


def test_the_project_lock_file_is_all_exact_pins():
    pins = audit.read_pins(TOOL_PATH.parent.parent / "requirements.lock")

    names = {audit.canonicalize_name(name) for name, _version in pins}
    assert {"django", "wagtail", "wagtail-localize", "redis"} <= names
