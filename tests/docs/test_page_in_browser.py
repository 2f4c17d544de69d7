"""The reference page in a real browser: the system's headless Chromium, driven by playwright-core
(browser/inspect_page.mjs), loads generated/docs/index.html from file://, clicks every tab of
every request panel, and reports what became visible; this test judges it against the model and
the samples renderer. The screenshot is kept in reports/docs/ (git-ignored)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from protocol_codegen.languages import LANGUAGES, samples_for
from protocol_spec import PROJECT_ROOT, load_api

from .conftest import find_chromium, find_node

PAGE = PROJECT_ROOT / "generated" / "docs" / "index.html"
INSPECT = Path(__file__).resolve().parent / "browser" / "inspect_page.mjs"
SCREENSHOT = PROJECT_ROOT / "reports" / "docs" / "reference-page.png"
API = load_api(PROJECT_ROOT / "spec" / "openapi.yaml")
LABELS = [language.label for language in LANGUAGES]


@pytest.fixture(scope="module")
def seen() -> dict[str, Any]:
    """What Chromium showed: the JSON report of inspect_page.mjs."""
    node = find_node()
    chromium = find_chromium()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    SCREENSHOT.unlink(missing_ok=True)
    result = subprocess.run(
        [node, str(INSPECT), PAGE.as_uri(), str(SCREENSHOT), chromium],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, f"inspect_page.mjs failed:\n{result.stdout}{result.stderr}"
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def test_the_page_loads_from_file_with_no_error_and_nothing_from_elsewhere(
    seen: dict[str, Any],
) -> None:
    assert seen["title"] == f"{API.title} reference"
    assert seen["errors"] == []
    assert seen["requests"] == [
        PAGE.as_uri(),
        (PAGE.parent / "style.css").as_uri(),
        (PAGE.parent / "page.js").as_uri(),
    ]


def test_every_section_is_visible(seen: dict[str, Any]) -> None:
    expected = []
    for resource in API.resources:
        model_title = f"The {resource.singular} model"
        expected.append((resource.name, resource.name.replace("_", " ").capitalize()))
        expected.append((_anchor(model_title), model_title))
        expected += [(_anchor(op.summary), op.summary) for op in resource.operations]
    assert [(s["id"], s["heading"]) for s in seen["sections"]] == expected
    invisible = [s["id"] for s in seen["sections"] if not s["visible"]]
    assert invisible == []


def test_every_tab_shows_its_sample_and_hides_the_others(seen: dict[str, Any]) -> None:
    groups = seen["groups"]
    assert len(groups) == len(API.operations)
    visible_samples = 0
    for operation, group in zip(API.operations, groups, strict=True):
        samples = samples_for(API, operation)
        assert [tab["label"] for tab in group["tabs"]] == LABELS
        for language, tab in zip(LANGUAGES, group["tabs"], strict=True):
            where = f"{operation.operation_id}, tab {tab['label']}"
            assert tab["selected"] == "true", where
            assert tab["visible"], f"{where}: its sample is not visible"
            assert tab["text"] == samples.text(language.key).rstrip("\n"), where
            hidden = [p["id"] for p in tab["panels"] if p["visible"] and p["id"] != tab["panel"]]
            assert hidden == [], f"{where}: other samples still visible: {hidden}"
            assert tab["everyGroupShows"] == [tab["label"]] * len(groups), (
                f"{where}: the other panels did not follow the chosen language"
            )
            visible_samples += 1
    assert visible_samples == 20


def test_every_response_is_visible(seen: dict[str, Any]) -> None:
    with_body = [op for op in API.operations if op.result is not None]
    assert [r["section"] for r in seen["responses"]] == [_anchor(op.summary) for op in with_body]
    for response in seen["responses"]:
        assert response["visible"], response["section"]
        assert response["text"].startswith("{") and response["text"].endswith("}")


def test_the_screenshot_is_kept(seen: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    assert SCREENSHOT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert SCREENSHOT.stat().st_size > 50_000
    with capsys.disabled():
        print(f"\nscreenshot of the reference page: {SCREENSHOT}")


def _anchor(title: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in title.lower()).split())
