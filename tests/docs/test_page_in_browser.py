"""The reference page in a real browser: the system's headless Chromium, driven by playwright-core
(browser/inspect_page.mjs), loads generated/docs/index.html from file://, clicks every tab of
every request panel, and reports what became visible; this test judges it against the model and
the samples renderer: the committed page of the project's spec, the whole Protocol API (five
resources; tests/fixtures/specs/whole_api.yaml is the same API, so it is not shown twice), every
resource's sections and tabs.
The screenshots are kept in reports/docs/ (git-ignored)."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from protocol_codegen.languages import LANGUAGES, samples_for
from protocol_spec import PROJECT_ROOT, load_api
from protocol_spec.model import Api

from .conftest import find_chromium, find_node

INSPECT = Path(__file__).resolve().parent / "browser" / "inspect_page.mjs"
REPORTS = PROJECT_ROOT / "reports" / "docs"
LABELS = [language.label for language in LANGUAGES]


@dataclass(frozen=True)
class Seen:
    api: Api
    page: Path
    screenshot: Path
    samples: int  # the samples on the page: 4 languages x its operations
    report: dict[str, Any]  # what Chromium showed: the JSON report of inspect_page.mjs


@pytest.fixture(scope="module")
def seen() -> Seen:
    node = find_node()
    chromium = find_chromium()
    api = load_api(PROJECT_ROOT / "spec" / "openapi.yaml")
    page = PROJECT_ROOT / "generated" / "docs" / "index.html"  # the committed page
    # Four languages x five operations x five resources.
    screenshot, samples = REPORTS / "reference-page.png", 100
    REPORTS.mkdir(parents=True, exist_ok=True)
    screenshot.unlink(missing_ok=True)
    result = subprocess.run(
        [node, str(INSPECT), page.as_uri(), str(screenshot), chromium],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, f"inspect_page.mjs failed:\n{result.stdout}{result.stderr}"
    return Seen(api, page, screenshot, samples, json.loads(result.stdout))


def test_the_page_loads_from_file_with_no_error_and_nothing_from_elsewhere(seen: Seen) -> None:
    assert seen.report["title"] == f"{seen.api.title} reference"
    assert seen.report["errors"] == []
    assert seen.report["requests"] == [
        seen.page.as_uri(),
        (seen.page.parent / "style.css").as_uri(),
        (seen.page.parent / "page.js").as_uri(),
    ]


def test_every_section_is_visible(seen: Seen) -> None:
    expected = []
    for resource in seen.api.resources:
        model_title = f"The {resource.singular} model"
        expected.append((resource.name, resource.name.replace("_", " ").capitalize()))
        expected.append((_anchor(model_title), model_title))
        expected += [(_anchor(op.summary), op.summary) for op in resource.operations]
    assert [(s["id"], s["heading"]) for s in seen.report["sections"]] == expected
    invisible = [s["id"] for s in seen.report["sections"] if not s["visible"]]
    assert invisible == []


@pytest.mark.parametrize("screen", ["navigation", "narrowNavigation"])
def test_every_resource_has_its_navigation_entry(seen: Seen, screen: str) -> None:
    """A link per resource, in the sidebar on a wide screen and in a row under the top bar on a
    phone's (390 px), which takes the reader to the resource's article."""
    assert [(n["href"], n["visible"]) for n in seen.report[screen]] == [
        (f"#{resource.name}", True) for resource in seen.api.resources
    ]
    for entry in seen.report[screen]:
        assert entry["landed"], f"{entry['href']}: clicking it did not bring its article into view"


def test_every_tab_shows_its_sample_and_hides_the_others(seen: Seen) -> None:
    api = seen.api
    groups = seen.report["groups"]
    assert len(groups) == len(api.operations)
    visible_samples = 0
    for operation, group in zip(api.operations, groups, strict=True):
        assert group["section"] == _anchor(operation.summary)
        samples = samples_for(api, operation)
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
    assert visible_samples == len(api.operations) * len(LANGUAGES) == seen.samples


def test_every_response_is_visible(seen: Seen) -> None:
    with_body = [op for op in seen.api.operations if op.result is not None]
    assert [r["section"] for r in seen.report["responses"]] == [
        _anchor(op.summary) for op in with_body
    ]
    for response in seen.report["responses"]:
        assert response["visible"], response["section"]
        assert response["text"].startswith("{") and response["text"].endswith("}")


def test_the_screenshot_is_kept(seen: Seen, capsys: pytest.CaptureFixture[str]) -> None:
    assert seen.screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert seen.screenshot.stat().st_size > 50_000
    with capsys.disabled():
        print(f"\nscreenshot of the reference page: {seen.screenshot}")


def _anchor(title: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in title.lower()).split())
