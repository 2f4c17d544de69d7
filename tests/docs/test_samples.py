"""The samples renderer (`protocol_codegen.samples`): the seed's snippets, call for call, and
names that are exactly the generated packages'."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from protocol_codegen import samples as renderer
from protocol_codegen.languages import LANGUAGES, curl, samples_for
from protocol_codegen.languages.base import Language
from protocol_codegen.pipeline import render_targets
from protocol_spec import PROJECT_ROOT, load_api
from protocol_spec.model import Api, Operation

from .seed import seed_page

SPEC = PROJECT_ROOT / "spec" / "openapi.yaml"
FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "specs" / "two_resources.yaml"
SEED_OPERATIONS = {op.title: op for op in seed_page().operations}

# A spec whose names need converting in every language (a two-word tag, a two-word method from
# `x-protocol-sdk-method`, a path parameter that is not `id`), with query parameters beside a
# body that only JSON can carry and values that need quoting.
ROOMS_SPEC = """\
openapi: 3.1.0
info: {title: Rooms API, version: 0.0.1}
servers: [{url: 'https://rooms.example.test/api'}]
security: [{bearerAuth: []}]
tags: [{name: chat_rooms, description: Rooms.}]
paths:
  /v1/chat_rooms/{room_id}/read:
    post:
      operationId: markChatRoomRead
      x-protocol-sdk-method: mark_read
      tags: [chat_rooms]
      summary: Mark a room read
      parameters:
        - {name: room_id, in: path, required: true, schema: {type: string}, example: r00m}
        - {name: notify, in: query, schema: {type: boolean, default: true}, example: false}
        - {name: until, in: query, schema: {type: integer, default: 0}, example: 0}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/ReadNote'}
            examples:
              first: {value: {note: "it's 5 o'clock & more", labels: [a, b]}}
      responses:
        '204': {description: Done.}
components:
  securitySchemes:
    bearerAuth: {type: http, scheme: bearer}
  schemas:
    ReadNote:
      type: object
      properties:
        note: {type: string}
        labels: {type: array, items: {type: string}}
"""


@pytest.fixture(scope="module")
def api() -> Api:
    return load_api(SPEC)


@pytest.fixture(scope="module")
def rooms(tmp_path_factory: pytest.TempPathFactory) -> Api:
    path = tmp_path_factory.mktemp("rooms") / "rooms.yaml"
    path.write_text(ROOMS_SPEC)
    return load_api(path)


def _indent_free(text: str) -> str:
    """The one normalisation: leading spaces of each line (the seed indents one JavaScript
    object by four spaces and the others by two)."""
    return "\n".join(line.lstrip(" ") for line in text.splitlines())


def test_the_seed_has_the_five_operations_with_four_samples_each() -> None:
    assert list(SEED_OPERATIONS) == [
        "List all conversations",
        "Create a conversation",
        "Retrieve a conversation",
        "Update a conversation",
        "Delete a conversation",
    ]
    assert sum(len(op.samples) for op in SEED_OPERATIONS.values()) == 20


def test_tabs_are_the_seeds_in_the_seeds_order() -> None:
    labels = [language.label for language in LANGUAGES]
    for seed in SEED_OPERATIONS.values():
        assert list(seed.samples) == labels == ["cURL", "JavaScript", "Python", "PHP"]


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.key)
@pytest.mark.parametrize("title", list(SEED_OPERATIONS))
def test_sample_matches_the_seed_call_for_call(api: Api, title: str, language: Language) -> None:
    operation = next(op for op in api.operations if op.summary == title)
    seed = SEED_OPERATIONS[title].samples[language.label]
    sample = samples_for(api, operation).text(language.key)
    assert _indent_free(sample) == _indent_free(seed)
    if language.key != "javascript" or title != "Update a conversation":
        assert sample == seed, "only the seed's 4-space JavaScript indent is normalised"


def test_the_issues_update_samples_exactly(api: Api) -> None:
    update = _operation(api, "update")
    samples = samples_for(api, update)
    assert samples.text("python").splitlines()[-1] == (
        'client.conversations.update("xgQQXg3hrtjh7AvZ", is_muted=True)'
    )
    assert " ".join(samples.text("javascript").split()).endswith(
        "await client.conversations.update('xgQQXg3hrtjh7AvZ', { is_muted: true, })"
    )
    assert " ".join(samples.text("php").split()).endswith(
        "$client->conversations->update('xgQQXg3hrtjh7AvZ', [ 'is_muted' => true, ]);"
    )
    # The issue writes `-d is_muted=true`; the seed quotes the key, which the shell removes.
    assert " ".join(samples.text("curl").replace("\\\n", " ").split()) == (
        "curl -X PUT https://api.protocol.chat/v1/conversations/xgQQXg3hrtjh7AvZ "
        "-H \"Authorization: Bearer {token}\" -d 'is_muted'=true"
    )
    assert _shell_words(samples.text("curl"))[-1] == "is_muted=true"


def test_request_path_is_the_seeds_request_label(api: Api) -> None:
    for title, seed in SEED_OPERATIONS.items():
        operation = next(op for op in api.operations if op.summary == title)
        values = renderer.example_values(api, operation)
        assert renderer.example_path(operation, values) == seed.request_label


def test_sdk_calls_leave_out_defaults_that_curl_spells_out(api: Api) -> None:
    values = renderer.example_values(api, _operation(api, "list"))
    assert [(p.name, value) for p, value in values.query] == [("limit", 10)]
    assert values.sdk_query == ()  # 10 is the default: `list()` means the same
    # A schema's example (the Id schema's, under group_id and the cursors) is not sent.
    assert {p.name for p, _ in values.query}.isdisjoint({"group_id", "starting_after"})


def test_names_are_the_generated_packages_names(rooms: Api) -> None:
    samples = samples_for(rooms, rooms.operations[0])
    assert "client.chat_rooms.mark_read(" in samples.text("python")
    assert "await client.chatRooms.markRead('r00m', {" in samples.text("javascript")
    assert "$client->chatRooms->markRead('r00m', [" in samples.text("php")
    files = render_targets(rooms, ["python", "typescript", "php"])
    assert (
        "self.chat_rooms = ChatRooms(self)"
        in files[f"python/{rooms.settings.python_package}/_client.py"]
    )
    assert (
        "    def mark_read("
        in files[f"python/{rooms.settings.python_package}/resources/chat_rooms.py"]
    )
    assert "readonly chatRooms: ChatRooms;" in files["typescript/client.d.ts"]
    assert "  markRead(roomId: string, params?:" in files["typescript/resources/chat_rooms.d.ts"]
    assert "public readonly ChatRooms $chatRooms;" in files["php/src/ApiClient.php"]
    assert (
        "public function markRead(string $roomId, array $query"
        in (files["php/src/Resources/ChatRooms.php"])
    )


def test_query_then_body_in_each_languages_argument_order(rooms: Api) -> None:
    samples = samples_for(rooms, rooms.operations[0])
    assert samples.text("javascript").endswith(
        "markRead('r00m', {\n  notify: false,\n}, {\n"
        "  note: 'it\\'s 5 o\\'clock & more',\n  labels: ['a', 'b'],\n})\n"
    )
    assert samples.text("php").endswith(
        "markRead('r00m', [\n  'notify' => false,\n], [\n"
        "  'note' => 'it\\'s 5 o\\'clock & more',\n  'labels' => ['a', 'b'],\n]);\n"
    )
    # Too long for one line: one argument a line, as ruff formats it. `until=0` is the default.
    assert samples.text("python").endswith(
        'client.chat_rooms.mark_read(\n    "r00m",\n    notify=False,\n'
        '    note="it\'s 5 o\'clock & more",\n    labels=["a", "b"],\n)\n'
    )


def test_curl_sends_json_where_a_form_cannot_and_quotes_for_the_shell(rooms: Api) -> None:
    curl = samples_for(rooms, rooms.operations[0]).text("curl")
    words = _shell_words(curl)
    assert words[:2] == [
        "curl",
        "https://rooms.example.test/api/v1/chat_rooms/r00m/read?notify=false&until=0",
    ]
    assert words[words.index("-d") + 1] == json.dumps(
        {"note": "it's 5 o'clock & more", "labels": ["a", "b"]}
    )
    assert "Content-Type: application/json" in words
    assert "-X" not in words  # a body makes curl POST


def test_form_values_that_need_encoding_go_through_data_urlencode(api: Api) -> None:
    create = _operation(api, "create")
    values = renderer.CallValues(path=(), query=(), body=(("contact_id", 'a b&c="$d"'),))
    text = curl.LANGUAGE.sample(api, create, values)
    assert text.endswith('--data-urlencode \'contact_id\'="a b&c=\\"\\$d\\""\n')
    assert _shell_words(text)[-1] == 'contact_id=a b&c="$d"'


def test_every_operation_of_the_fixture_gets_four_samples() -> None:
    fixture = load_api(FIXTURE)
    for operation in fixture.operations:
        samples = samples_for(fixture, operation)
        for language in LANGUAGES:
            assert samples.text(language.key).endswith("\n")
    widgets = samples_for(fixture, _operation(fixture, "create", "widgets"))
    assert 'client.widgets.create(name="sprocket", color="blue")' in widgets.text("python")
    get = samples_for(fixture, _operation(fixture, "get", "widgets"))
    # No example id in the fixture: one of the id attribute's pattern, `^[a-z0-9]{8}$`.
    (made_up,) = get.values.path_values.values()
    assert re.fullmatch(r"[a-z0-9]{8}", made_up)
    assert f'client.widgets.get("{made_up}")' in get.text("python")


def test_same_model_same_text(api: Api) -> None:
    first = [samples_for(api, op) for op in api.operations]
    second = [samples_for(load_api(SPEC), op) for op in load_api(SPEC).operations]
    assert [dict(s.texts) for s in first] == [dict(s.texts) for s in second]


def test_unknown_language_is_a_clear_error(api: Api) -> None:
    samples = samples_for(api, api.operations[0])
    with pytest.raises(KeyError, match="known: curl, javascript, python, php"):
        samples.text("ruby")


def _operation(api: Api, method: str, resource: str = "conversations") -> Operation:
    return next(op for op in api.resource(resource).operations if op.method_name == method)


def _shell_words(command: str) -> list[str]:
    """The words bash would pass to curl: the sample run through the shell's own parser."""
    script = 'for word in "$@"; do printf "%s\\0" "$word"; done'
    result = subprocess.run(
        ["bash", "-c", f"set -- {command.replace(chr(92) + chr(10), ' ')}\n{script}"],
        capture_output=True,
        check=True,
        cwd=Path(__file__).parent,
    )
    return result.stdout.decode().split("\0")[:-1]
