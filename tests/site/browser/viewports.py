"""Where the browser tests look at pages, and where they leave what they saw."""

from pathlib import Path

MOBILE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
WIDTHS = {"375px": MOBILE, "1280px": DESKTOP}

ARTIFACTS_DIR = Path(__file__).resolve().parents[3] / "artifacts"
SCREENSHOTS_DIR = ARTIFACTS_DIR / "screenshots"
