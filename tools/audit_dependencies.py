"""Audit the pinned dependencies for known vulnerabilities.

    python tools/audit_dependencies.py [requirements.lock] [--json]

pip-audit does the audit wherever it can reach its vulnerability services (PyPI's per-release
JSON or OSV). Behind a registry proxy that serves only PyPI's project JSON, as on our build
machines, pip-audit skips every package and proves nothing. For each package it skipped, this
tool falls back to what the project JSON (``/pypi/<name>/json``) does publish, and decides
conservatively:

1. the pinned release is not yanked;
2. no newer final release exists in the pin's own series (same major.minor): a maintained
   series gets its security fixes as patch releases, so a pin behind its series may lack one;
3. the project's newest release lists no vulnerabilities on PyPI: a vulnerability that is still
   open upstream affects the newest release, and maybe every other.

The fallback cannot see a vulnerability fixed only in a newer series than the pinned one, which
happens once the pinned series is out of support. For each pin on an older series it reports
the date of that series' latest release, and flags a series without a release for over a year,
so a person can confirm the series is still maintained (Django's LTS line, for instance).

Exit status: 0 clean, 1 findings, 2 a package could not be checked at all.
"""

import argparse
import datetime
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import requests
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PYPI_PROJECT_URL = "https://pypi.org/pypi/{name}/json"
HTTP_TIMEOUT_SECONDS = 30
# A newer series exists and the pinned one has had no release for this long: probably
# out of support, so a fix may have gone only into the newer series.
STALE_SERIES_AFTER = datetime.timedelta(days=365)


@dataclass
class PackageReport:
    name: str
    version: str
    checked_by: str = ""
    findings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str = ""


def read_pins(lock_path):
    """Return ``[(name, version)]`` for every ``name==version`` line of a lock file."""
    pins = []
    for line_number, raw_line in enumerate(lock_path.read_text().splitlines(), start=1):
        line = raw_line.split("#", 1)[0].strip()
        if not line:
            continue
        try:
            requirement = Requirement(line)
        except InvalidRequirement as error:
            raise SystemExit(f"{lock_path}:{line_number}: not a requirement: {error}") from error
        exact = [spec.version for spec in requirement.specifier if spec.operator == "=="]
        if len(exact) != 1:
            raise SystemExit(f"{lock_path}:{line_number}: {line!r} is not pinned with ==")
        pins.append((requirement.name, exact[0]))
    return pins


def run_pip_audit(lock_path):
    """Audit with pip-audit; return ``{canonical name: PackageReport}`` for what it checked.

    Packages pip-audit skipped (its service unreachable) are left out, for the fallback.
    """
    command = [
        sys.executable,
        "-m",
        "pip_audit",
        "--disable-pip",
        "--no-deps",
        "--progress-spinner=off",
        "--format=json",
        "--requirement",
        str(lock_path),
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    try:
        audit = json.loads(completed.stdout)
    except json.JSONDecodeError:
        print(f"pip-audit gave no report (exit {completed.returncode}):", file=sys.stderr)
        print(completed.stderr.strip()[-2000:], file=sys.stderr)
        return {}
    reports = {}
    for dependency in audit.get("dependencies", []):
        if dependency.get("skip_reason"):
            continue
        report = PackageReport(dependency["name"], dependency["version"], checked_by="pip-audit")
        for vulnerability in dependency.get("vulns", []):
            fixed_in = ", ".join(vulnerability.get("fix_versions", [])) or "no fixed release"
            report.findings.append(f"{vulnerability['id']} (fixed in {fixed_in})")
        reports[canonicalize_name(report.name)] = report
    return reports


def parse_version(text):
    try:
        return Version(text)
    except InvalidVersion:
        return None


def series_of(version):
    return version.release[:2]


def release_summary(files):
    """Whether a release is yanked, and when its first file was uploaded."""
    if not files:
        return True, None
    yanked = all(file.get("yanked") for file in files)
    uploaded = min(
        datetime.datetime.fromisoformat(file["upload_time_iso_8601"].replace("Z", "+00:00"))
        for file in files
    )
    return yanked, uploaded


def check_against_project_json(name, pinned, project, today):
    """Apply the three conservative checks of the module docstring to one pinned release."""
    report = PackageReport(name, pinned, checked_by="PyPI project JSON")
    pinned_version = parse_version(pinned)
    releases = {}
    for text, files in project["releases"].items():
        version = parse_version(text)
        if version is None or version.is_prerelease or version.is_devrelease:
            continue
        yanked, uploaded = release_summary(files)
        releases[version] = (yanked, uploaded)

    if pinned_version not in releases and pinned not in project["releases"]:
        report.findings.append("the pinned release is not on PyPI")
        return report
    pinned_yanked, _ = release_summary(project["releases"].get(pinned, []))
    if pinned_yanked:
        report.findings.append("the pinned release is yanked")

    available = sorted(version for version, (yanked, _) in releases.items() if not yanked)
    same_series = [v for v in available if series_of(v) == series_of(pinned_version)]
    newer_in_series = [v for v in same_series if v > pinned_version]
    if newer_in_series:
        report.findings.append(
            f"{newer_in_series[-1]} is out in the same series; upgrade the pin to it"
        )

    newest = project["info"]["version"]
    for vulnerability in project.get("vulnerabilities", []):
        if vulnerability.get("withdrawn"):
            continue
        fixed_in = ", ".join(vulnerability.get("fixed_in") or []) or "no fixed release"
        report.findings.append(
            f"{vulnerability['id']} is open in the newest release {newest} (fixed in {fixed_in})"
        )

    newest_version = parse_version(newest)
    if newest_version and series_of(newest_version) != series_of(pinned_version):
        last_in_series = max(releases[v][1] for v in same_series) if same_series else None
        if last_in_series is None:
            report.notes.append(f"pinned series has no other release; newest is {newest}")
        else:
            age = today - last_in_series.date()
            note = (
                f"newest is {newest}; the pinned series last released on "
                f"{last_in_series.date().isoformat()} ({age.days} days ago)"
            )
            if age > STALE_SERIES_AFTER:
                report.findings.append(f"{note}: probably out of support, move to a newer series")
            else:
                report.notes.append(note)
    return report


def fetch_project(session, name):
    response = session.get(PYPI_PROJECT_URL.format(name=name), timeout=HTTP_TIMEOUT_SECONDS)
    response.raise_for_status()
    return response.json()


def audit_with_project_json(pins, today):
    session = requests.Session()

    def audit_one(pin):
        name, version = pin
        try:
            project = fetch_project(session, name)
        except (requests.RequestException, ValueError) as error:
            return PackageReport(name, version, error=f"could not read PyPI: {error}")
        return check_against_project_json(name, version, project, today)

    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(audit_one, pins))


def print_report(reports):
    for report in sorted(reports, key=lambda r: canonicalize_name(r.name)):
        if report.error:
            status = "NOT CHECKED"
        elif report.findings:
            status = "FINDINGS"
        else:
            status = "ok"
        print(f"{status:12} {report.name}=={report.version}  [{report.checked_by or '-'}]")
        for line in report.findings:
            print(f"{'':12}   ! {line}")
        for line in report.notes:
            print(f"{'':12}   - {line}")
        if report.error:
            print(f"{'':12}   ! {report.error}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("lock", nargs="?", default=str(PROJECT_ROOT / "requirements.lock"))
    parser.add_argument(
        "--no-pip-audit",
        action="store_true",
        help="skip pip-audit and use the PyPI project JSON for every package",
    )
    arguments = parser.parse_args(argv)
    lock_path = Path(arguments.lock)
    pins = read_pins(lock_path)

    by_pip_audit = {} if arguments.no_pip_audit else run_pip_audit(lock_path)
    remaining = [pin for pin in pins if canonicalize_name(pin[0]) not in by_pip_audit]
    today = datetime.datetime.now(datetime.UTC).date()
    reports = list(by_pip_audit.values()) + audit_with_project_json(remaining, today)
    print_report(reports)

    not_checked = sum(1 for report in reports if report.error)
    with_findings = sum(1 for report in reports if report.findings)
    print(
        f"\n{len(reports)} packages: {len(by_pip_audit)} checked by pip-audit, "
        f"{len(remaining) - not_checked} by the PyPI project JSON, {not_checked} not checked; "
        f"{with_findings} with findings."
    )
    if with_findings:
        return 1
    if not_checked:
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
