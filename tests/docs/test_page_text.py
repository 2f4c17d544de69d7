"""The page's text helpers: the spec's Markdown as HTML, and coloured code whose text is the
sample's, character for character."""

from __future__ import annotations

import html
import re

import pytest

from protocol_codegen.languages import LANGUAGES, samples_for
from protocol_codegen.targets._highlight import highlight
from protocol_codegen.targets._markdown import markdown
from protocol_spec import PROJECT_ROOT, load_api
from protocol_spec.model import Operation

API = load_api(PROJECT_ROOT / "spec" / "openapi.yaml")


def test_markdown_paragraphs_code_links_and_lists() -> None:
    text = "First `a_b` line\ncontinued, **strong**, *em*.\n\n- one\n- [two](#x)\n\nLast."
    assert markdown(text) == (
        "<p>First <code>a_b</code> line continued, <strong>strong</strong>, <em>em</em>.</p>\n"
        '<ul><li>one</li><li><a href="#x">two</a></li></ul>\n'
        "<p>Last.</p>"
    )


def test_markdown_escapes_what_the_spec_writes() -> None:
    shown = markdown('Use <b> & `<script>`, [x]("onclick=a) or `a & b`.')
    assert "<b>" not in shown and "<script>" not in shown
    assert "&lt;b&gt; &amp; <code>&lt;script&gt;</code>" in shown
    assert "<code>a &amp; b</code>" in shown
    assert markdown("") == ""


@pytest.mark.parametrize("operation", API.operations, ids=lambda op: op.operation_id)
def test_coloured_code_keeps_the_samples_text(operation: Operation) -> None:
    samples = samples_for(API, operation)
    for language in LANGUAGES:
        code = samples.text(language.key)
        coloured = highlight(code, language.highlight)
        assert html.unescape(re.sub(r"</?span[^>]*>", "", coloured)) == code
        assert 'class="tok-' in coloured
        assert re.sub(r"</?span[^>]*>", "", coloured).count("<") == 0  # nothing else unescaped


def test_json_keys_strings_numbers_and_comments_are_told_apart() -> None:
    coloured = highlight('{\n  "id": "x",\n  "n": 10,\n  "b": null\n  // ...\n}', "json")
    assert '<span class="tok-property">"id"</span>: <span class="tok-string">"x"</span>' in coloured
    assert '<span class="tok-number">10</span>' in coloured
    assert '<span class="tok-keyword">null</span>' in coloured
    assert '<span class="tok-comment">// ...</span>' in coloured


def test_an_unknown_language_is_plain_escaped_text() -> None:
    assert highlight("a < b", "ruby") == "a &lt; b"
