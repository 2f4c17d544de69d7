"""The reference page (`generated/docs/`), read as HTML: every section of every resource, the
samples of the renderer, and the seed's structure, with nothing loaded from elsewhere. The whole
Protocol API (tests/fixtures/specs/whole_api.yaml) gets every resource's sections as the reference
site has them, and the conversations section of today's spec unchanged."""

from __future__ import annotations

import json
import re

import pytest

from protocol_codegen.languages import LANGUAGES, samples_for
from protocol_codegen.pipeline import render_targets
from protocol_spec import PROJECT_ROOT, load_api
from protocol_spec.model import Api, Operation, Resource

from .html_tree import Document, Element, parse
from .seed import seed_page, seed_sections

SPEC = PROJECT_ROOT / "spec" / "openapi.yaml"
FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "specs" / "two_resources.yaml"
WHOLE_API = PROJECT_ROOT / "tests" / "fixtures" / "specs" / "whole_api.yaml"
SPECS = {"spec": SPEC, "two_resources": FIXTURE, "whole_api": WHOLE_API}
ASSETS = ("docs/page.js", "docs/style.css")


@pytest.fixture(scope="module", params=sorted(SPECS))
def rendered(request: pytest.FixtureRequest) -> tuple[Api, dict[str, str], Document]:
    api = load_api(SPECS[request.param])
    files = render_targets(api, ["docs"])
    return api, files, parse(files["docs/index.html"])


@pytest.fixture(scope="module")
def page() -> tuple[Api, Document]:
    api = load_api(SPEC)
    return api, parse(render_targets(api, ["docs"])["docs/index.html"])


def test_the_target_writes_the_page_and_its_two_assets(
    rendered: tuple[Api, dict[str, str], Document],
) -> None:
    api, files, document = rendered
    assert sorted(files) == ["docs/index.html", "docs/page.js", "docs/style.css"]
    assert document.doctype == "DOCTYPE html"
    source = f"Generated from {api.source} + templates/docs/index.html.jinja. Do not edit."
    assert document.comments[0].strip() == source
    assert files["docs/page.js"].startswith(f"// Generated from {api.source} + templates/docs/")
    assert files["docs/style.css"].startswith(f"/* Generated from {api.source} + templates/docs/")


def test_nothing_comes_from_elsewhere_and_it_works_from_file_urls(
    rendered: tuple[Api, dict[str, str], Document],
) -> None:
    _, files, document = rendered
    root = document.root
    (stylesheet,) = root.all("link")
    (script,) = root.all("script")
    assert stylesheet.attrs == {"rel": "stylesheet", "href": "style.css"}
    assert script.attrs == {"src": "page.js"}  # a classic script: no type="module"
    assert [f"docs/{stylesheet.attrs['href']}", f"docs/{script.attrs['src']}"] == list(
        reversed(ASSETS)
    )
    for element in root.iter():
        for name in ("href", "src"):
            if name in element.attrs:
                url = element.attrs[name]
                assert not re.match(r"^[a-z]+:|^//", url), f"<{element.tag} {name}={url!r}>"
                if url.startswith("#"):
                    root.by_id(url[1:])  # every link inside the page lands somewhere
    assert not root.all("img") and not root.all("iframe")
    script_text = files["docs/page.js"]
    for forbidden in ("fetch(", "XMLHttpRequest", "import ", "export ", "http:", "https:"):
        assert forbidden not in script_text, forbidden
    style = files["docs/style.css"]
    for forbidden in ("@import", "url(", "@font-face", "http:", "https:"):
        assert forbidden not in style, forbidden


def test_every_resource_has_its_model_and_every_operation(
    rendered: tuple[Api, dict[str, str], Document],
) -> None:
    api, _, document = rendered
    articles = document.root.all("article")
    assert len(articles) == len(api.resources) > 0
    for resource, article in zip(api.resources, articles, strict=True):
        assert article.one("h1").words == _title(resource)
        model_section = article.all("section", cls="model")[0]
        assert model_section.one("h2").words == f"The {_singular(resource)} model"
        assert [h3.words for h3 in model_section.all("h3")] == ["Properties"]
        model = api.model(resource.model or "")
        _check_attributes(model_section, [(f.name, f.description) for f in model.fields])
        sections = article.all("section", cls="operation")
        assert len(sections) == len(resource.operations)
        for operation, section in zip(resource.operations, sections, strict=True):
            _check_operation(api, operation, section)


def test_the_fixture_gets_both_resources_with_no_template_change() -> None:
    api = load_api(FIXTURE)
    document = parse(render_targets(api, ["docs"])["docs/index.html"])
    assert [a.one("h1").words for a in document.root.all("article")] == [
        "Conversations",
        "Widgets",
    ]
    nav = document.root.one("nav")
    assert [h2.words for h2 in nav.all("h2")] == ["Conversations", "Widgets"]
    widgets = document.root.by_id("widgets")
    titles = [s.one("h2").words for s in widgets.all("section", cls="operation")]
    assert titles == [
        "List widgets",
        "Create a widget",
        "Retrieve a widget",
        "Update a widget",
        "Delete a widget",
    ]
    color = _attribute(widgets.by_id("the-widget-model"), "color")
    assert color.one("dd", cls="attribute-type").words == "string"
    assert "One of red, green, blue." in color.one("dd", cls="attribute-description").words


@pytest.fixture(scope="module")
def whole_page() -> tuple[Api, Document]:
    api = load_api(WHOLE_API)
    return api, parse(render_targets(api, ["docs"])["docs/index.html"])


def test_every_resource_of_the_whole_api_has_the_reference_sites_sections(
    whole_page: tuple[Api, Document],
) -> None:
    """Each resource: its own navigation entry and article, whose sections (the model, then each
    operation with its method and path) are the reference site's, anchor for anchor."""
    api, document = whole_page
    sections = seed_sections()
    assert [r.name for r in api.resources] == [
        "conversations",
        "contacts",
        "groups",
        "messages",
        "attachments",
    ]
    nav = document.root.one("nav")
    assert [h2.words for h2 in nav.all("h2")] == [_title(r) for r in api.resources]
    nav_lists = [e for e in nav.child_elements() if e.tag == "ul"]
    assert len(nav_lists) == len(api.resources)
    for resource, nav_list in zip(api.resources, nav_lists, strict=True):
        expected = sections[f"/{resource.name}"]
        assert [a.attrs["href"] for a in nav_list.all("a")] == [f"#{e.id}" for e in expected]
        article = document.root.by_id(resource.name)
        assert article.tag == "article"
        shown = article.all("section")
        assert [(s.attrs["id"], s.one("h2").words) for s in shown] == [
            (e.id, e.title) for e in expected
        ]
        for section, seed in zip(shown, expected, strict=True):
            if seed.tag:
                eyebrow = section.one("div", cls="eyebrow")
                assert eyebrow.one("span", cls="method").words == seed.tag
                assert eyebrow.one("span", cls="path").words == seed.label
                tabs = [b.words for b in section.all("button")]
                assert tabs == [language.label for language in LANGUAGES], seed.id


def test_objects_of_other_resources_and_uploads_say_what_they_are(
    whole_page: tuple[Api, Document],
) -> None:
    _, document = whole_page

    def type_of(section: str, name: str) -> str:
        return _attribute(document.root.by_id(section), name).one("dd", cls="attribute-type").words

    assert type_of("the-message-model", "contact") == "nullable contact object"
    assert type_of("the-message-model", "attachments") == "array of attachment objects"
    assert type_of("the-group-model", "contacts") == "array of contact objects"
    assert type_of("create-a-group", "contacts") == "array of strings"  # ids in requests
    assert type_of("create-an-attachment", "file") == "file"


def test_the_whole_api_keeps_the_conversations_section_of_todays_spec(
    page: tuple[Api, Document], whole_page: tuple[Api, Document]
) -> None:
    _, today = page
    _, whole = whole_page
    assert whole.root.by_id("conversations") == today.root.by_id("conversations")


def test_the_page_reads_like_the_seed(page: tuple[Api, Document]) -> None:
    _, document = page
    seed = seed_page()
    article = document.root.by_id("conversations")
    assert article.one("h1").words == seed.title
    model_section = article.by_id(seed.model_anchor)
    assert model_section.one("h2").words == seed.model_title
    names = [e.words for e in model_section.all("dd", cls="attribute-name")]
    types = [e.words for e in model_section.all("dd", cls="attribute-type")]
    assert names == [p.name for p in seed.properties]
    # The seed calls the Unix times `timestamp`; the spec's type is integer.
    assert [t.removeprefix("nullable ") for t in types] == [
        {"timestamp": "integer"}.get(p.type, p.type) for p in seed.properties
    ]
    for seed_op in seed.operations:
        section = article.by_id(seed_op.anchor)
        assert section.one("h2").words == seed_op.title
        eyebrow = section.one("div", cls="eyebrow")
        assert eyebrow.one("span", cls="method").words == seed_op.method
        assert eyebrow.one("span", cls="path").words == seed_op.label
        panel = section.one("div", cls="code-group-label")
        assert panel.one("span", cls="path").words == seed_op.request_label
        for title, seed_attributes in seed_op.groups.items():
            ours = _group(section, title)
            assert [a.name for a in seed_attributes] == ours[: len(seed_attributes)]
        assert [t.words for t in section.all("button")] == list(seed_op.samples)
        for (label, code), panel_element in zip(
            seed_op.samples.items(), section.all("div", cls="code-panel"), strict=True
        ):
            shown = panel_element.one("code").text
            assert _indent_free(shown) == _indent_free(code.rstrip("\n")), label
        responses = section.all("div", cls="response")
        if seed_op.response is None:
            assert responses == []
        else:
            assert responses[0].one("code").text == seed_op.response.rstrip("\n")


def test_every_sample_on_the_page_is_the_renderers(page: tuple[Api, Document]) -> None:
    api, document = page
    shown = 0
    for operation in api.operations:
        section = document.root.by_id(_anchor(operation))
        samples = samples_for(api, operation)
        for language in LANGUAGES:
            panel = section.by_id(f"{_anchor(operation)}-sample-{language.key}")
            assert panel.one("code").text == samples.text(language.key).rstrip("\n")
            assert panel.one("code").attrs["class"] == f"language-{language.highlight}"
            shown += 1
    assert shown == 4 * 25  # four languages, five operations of each of five resources


def test_tabs_are_wired_to_their_panels(page: tuple[Api, Document]) -> None:
    _, document = page
    for group in document.root.all("div", cls="code-group"):
        if "response" in group.classes:
            continue
        tabs = [e for e in group.all("button") if e.attrs.get("role") == "tab"]
        assert [t.attrs["aria-selected"] for t in tabs] == ["true", "false", "false", "false"]
        for tab in tabs:
            panel = group.by_id(tab.attrs["aria-controls"])
            assert panel.attrs["role"] == "tabpanel"
            assert panel.attrs["aria-labelledby"] == tab.attrs["id"]
            assert panel.attrs["data-language"] == tab.attrs["data-language"]


def test_same_spec_same_bytes() -> None:
    assert render_targets(load_api(SPEC), ["docs"]) == render_targets(load_api(SPEC), ["docs"])


# -- helpers -----------------------------------------------------------------------------------


def _check_operation(api: Api, operation: Operation, section: Element) -> None:
    assert section.attrs["id"] == _anchor(operation)
    assert section.one("h2").words == operation.summary
    eyebrow = section.one("div", cls="eyebrow")
    assert eyebrow.one("span", cls="method").words == operation.http_method
    assert eyebrow.one("span", cls="path").words == re.sub(r"\{(\w+)\}", r":\1", operation.path)
    prose = section.one("div", cls="prose")
    paragraphs = []
    for child in prose.child_elements():
        if child.tag != "p":
            break
        paragraphs.append(child.words)
    assert " ".join(paragraphs) == _plain(operation.description)
    expected = [(p.name, p.description) for p in operation.query_params]
    expected += [(f.name, f.description) for f in operation.body.fields] if operation.body else []
    shown = [name for h3 in prose.all("h3") for name in _group(section, h3.words)]
    assert sorted(shown) == sorted(name for name, _ in expected)
    _check_attributes(prose, expected)
    samples = samples_for(api, operation)
    labels = [b.words for b in section.all("button")]
    assert labels == [language.label for language in LANGUAGES]
    codes = [p.one("code").text for p in section.all("div", cls="code-panel")]
    assert codes == [samples.text(lang.key).rstrip("\n") for lang in LANGUAGES]
    responses = section.all("div", cls="response")
    if operation.result is None:
        assert responses == []
    else:
        (response,) = responses
        assert response.one("span", cls="status").words == str(operation.success_status)
        shown_json = re.sub(r"\n\s*// \.\.\.", "", response.one("code").text)
        value = json.loads(shown_json)
        success = operation.success
        assert success is not None
        if success.examples and operation.pagination is None:
            assert value == success.examples[0].value
        if success.schema_pointer and operation.pagination is None:
            assert api.schemas is not None
            assert api.schemas.is_valid(success.schema_pointer, value)


def _check_attributes(container: Element, expected: list[tuple[str, str]]) -> None:
    for name, description in expected:
        item = _attribute(container, name)
        assert item.one("dd", cls="attribute-description").words.startswith(_plain(description))
        assert item.one("dd", cls="attribute-type").words


def _attribute(container: Element, name: str) -> Element:
    found = [li for li in container.all("li") if li.one("dd", cls="attribute-name").words == name]
    assert len(found) == 1, f"attribute {name!r} shown {len(found)} times"
    return found[0]


def _group(section: Element, title: str) -> list[str]:
    """The attribute names listed under the heading `title` in the section's prose."""
    prose = section.one("div", cls="prose")
    children = prose.child_elements()
    heading = next(i for i, e in enumerate(children) if e.tag == "h3" and e.words == title)
    lists = [e for e in children[heading + 1 :] if e.tag in ("ul", "h3")]
    assert lists and lists[0].tag == "ul", f"nothing listed under {title!r}"
    return [e.words for e in lists[0].all("dd", cls="attribute-name")]


def _anchor(operation: Operation) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", operation.summary.lower()))


def _title(resource: Resource) -> str:
    text = " ".join(re.findall(r"[A-Za-z0-9]+", resource.name.replace("_", " "))).lower()
    return text[:1].upper() + text[1:]


def _singular(resource: Resource) -> str:
    return resource.singular.replace("_", " ")


def _plain(markdown: str) -> str:
    return " ".join(markdown.replace("`", "").split())


def _indent_free(text: str) -> str:
    return "\n".join(line.lstrip(" ") for line in text.splitlines())
