"""Every schema the whole Protocol API uses, typed in the three SDKs (issue 20 item 1, issue 23
item 1): typed maps, arrays of objects, nested objects and nullable nested objects however the
spec writes them. Each spec is generated once; then, per language, the package is type-checked
(mypy --strict, tsc --strict, php -l) and every example of every response the spec gives is
parsed by the model the SDK returns for it: pydantic's `model_validate` (and back to the same
JSON), a TypeScript constant of the declared type (tsc refuses a missing, extra or mistyped
attribute), and PHP's `fromArray` (and back with `toArray`).
"""

from __future__ import annotations

import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, NoReturn

import pytest

from protocol_codegen.languages import php as php_language
from protocol_codegen.languages import typescript as ts_language
from protocol_spec import load_api
from protocol_spec.model import Api
from protocol_spec.pointers import lookup

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "tests" / "fixtures" / "specs"
# The whole API, and the one-feature specs of the constructs it uses.
CASES = {
    "whole_api": SPECS / "whole_api.yaml",
    "typed_maps": SPECS / "features" / "typed_maps.yaml",
    "nullable_nested_objects": SPECS / "features" / "nullable_nested_objects.yaml",
    "request_response_sides": SPECS / "features" / "request_response_sides.yaml",
}
REQUIRE_TOOLCHAINS = "PROTOCOL_REQUIRE_TOOLCHAINS"


def _missing(what: str, install: str) -> NoReturn:
    if os.environ.get(REQUIRE_TOOLCHAINS) == "1":
        pytest.fail(f"{what} is not installed: {install}. {REQUIRE_TOOLCHAINS}=1 requires it.")
    pytest.skip(f"{what} is not installed ({install})")


@dataclass(frozen=True)
class Generated:
    api: Api
    out: Path

    @property
    def package(self) -> str:
        return self.api.settings.python_package


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Generated]:
    result = {}
    for name, spec in CASES.items():
        out = tmp_path_factory.mktemp(name) / "generated"
        command = [sys.executable, "-m", "protocol_codegen", "generate", "--spec", str(spec)]
        run = subprocess.run(
            [*command, "--out", str(out)], cwd=ROOT, capture_output=True, text=True, check=False
        )
        assert run.returncode == 0, run.stderr
        result[name] = Generated(load_api(spec), out)
    return result


def response_examples(api: Api) -> list[tuple[str, str, Any]]:
    """(where, model name, value) for each example of a response whose schema is a model."""
    by_pointer = {model.pointer: model.name for model in api.models}
    found = []
    for resource in api.resources:
        for op in resource.operations:
            for response in op.responses:
                if response.schema_pointer is None or not response.examples:
                    continue
                schema = lookup(api.document, response.schema_pointer)
                ref = schema.get("$ref") if isinstance(schema, dict) else None
                pointer = ref[1:] if isinstance(ref, str) else response.schema_pointer
                if pointer not in by_pointer:
                    continue
                for example in response.examples:
                    where = f"{op.operation_id} {response.status} {example.name}"
                    found.append((where, by_pointer[pointer], example.value))
    return found


def test_every_case_has_examples_to_parse(generated: dict[str, Generated]) -> None:
    for name, case in generated.items():
        assert response_examples(case.api), f"{name}: no response example to parse"


# -- Python ----------------------------------------------------------------------------------

_PARSE_PY = """
import json, sys
from {package} import models
failures = []
for where, name, value in json.load(sys.stdin):
    try:
        parsed = getattr(models, name).model_validate(value)
    except Exception as error:  # every failure is reported, not the first
        failures.append(f"{{where}}: {{name}}: {{error}}")
        continue
    again = parsed.model_dump(mode="json", by_alias=True)
    if again != value:
        failures.append(f"{{where}}: {{name}} gives back {{again!r}}, not {{value!r}}")
print("\\n".join(failures))
"""


@pytest.mark.parametrize("name", list(CASES))
def test_python_package_imports_and_parses_every_example(
    generated: dict[str, Generated], name: str
) -> None:
    case = generated[name]
    run = subprocess.run(
        [sys.executable, "-c", _PARSE_PY.format(package=case.package)],
        input=json.dumps(response_examples(case.api)),
        cwd=case.out / "python",
        env={**os.environ, "PYTHONPATH": str(case.out / "python")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "", run.stdout


def test_python_packages_type_check(generated: dict[str, Generated]) -> None:
    """One mypy --strict run over every package (each is named after its API)."""
    paths = [str(case.out / "python" / case.package) for case in generated.values()]
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *paths],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


# -- TypeScript ------------------------------------------------------------------------------


def _typescript_examples(case: Generated) -> str:
    names = ts_language.type_names(case.api)
    examples = response_examples(case.api)
    imported = sorted({names[name] for _, name, _ in examples})
    lines = [f"import type {{ {', '.join(imported)} }} from './types.js';", ""]
    for index, (where, name, value) in enumerate(examples):
        lines.append(f"// {where}")
        lines.append(f"export const example{index}: {names[name]} = {json.dumps(value)};")
    return "\n".join(lines) + "\n"


def test_typescript_packages_type_check_with_every_example(
    generated: dict[str, Generated],
) -> None:
    tsc = ROOT / "node_modules" / ".bin" / "tsc"
    if shutil.which("node") is None or not tsc.exists():
        _missing("Node 20 with `npm ci`", "install Node.js 20, then run `npm ci`")
    for case in generated.values():
        typescript = case.out / "typescript"
        (typescript / "examples.ts").write_text(_typescript_examples(case))
        config = {
            "compilerOptions": {
                "strict": True,
                "noEmit": True,
                "target": "es2022",
                "lib": ["es2022", "esnext.asynciterable"],
                "module": "nodenext",
                "moduleResolution": "nodenext",
                "allowJs": True,
                "checkJs": True,
                "types": ["node"],
                "typeRoots": [str(ROOT / "node_modules" / "@types")],
            },
            "include": ["**/*"],
        }
        (typescript / "tsconfig.json").write_text(json.dumps(config))
        run = subprocess.run(
            [str(tsc), "-p", "tsconfig.json"],
            cwd=typescript,
            capture_output=True,
            text=True,
            check=False,
        )
        assert run.returncode == 0, run.stdout + run.stderr


def test_typescript_refuses_an_example_of_the_wrong_shape(generated: dict[str, Generated]) -> None:
    """The check above has teeth: a map value of the wrong type does not compile."""
    tsc = ROOT / "node_modules" / ".bin" / "tsc"
    if shutil.which("node") is None or not tsc.exists():
        _missing("Node 20 with `npm ci`", "install Node.js 20, then run `npm ci`")
    wrong = generated["typed_maps"].out / "wrong"  # beside the package, not in its tsconfig
    wrong.mkdir(exist_ok=True)
    (wrong / "wrong.ts").write_text(
        "import type { Post } from '../typescript/types.js';\n"
        "export const wrong: Post['reactions'] = { smile: [1] };\n"
    )
    run = subprocess.run(
        [str(tsc), "--strict", "--noEmit", "--module", "nodenext", "wrong.ts"],
        cwd=wrong,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode != 0 and "not assignable to type 'string'" in run.stdout, run.stdout


# -- PHP -------------------------------------------------------------------------------------

_PARSE_PHP = """<?php
declare(strict_types=1);
require $argv[1] . '/autoload.php';
// PHP models hold an optional attribute left out as null: compare without null attributes.
function withoutNulls(mixed $value): mixed {
    if (!is_array($value)) {
        return $value;
    }
    $kept = array_map(withoutNulls(...), $value);
    return array_is_list($value) ? $kept : array_filter($kept, static fn ($v) => $v !== null);
}
$failures = [];
foreach (json_decode(file_get_contents('php://stdin'), true) as [$where, $class, $value]) {
    try {
        $model = ('Protocol\\\\Models\\\\' . $class)::fromArray($value);
    } catch (\\Throwable $error) {
        $failures[] = "$where: $class: " . $error->getMessage();
        continue;
    }
    if (withoutNulls($model->toArray()) != withoutNulls($value)) {
        $failures[] = "$where: $class gives back " . json_encode($model) . ', not ' . json_encode($value);
    }
}
echo implode("\\n", $failures);
"""


def _php() -> str:
    php = shutil.which("php")
    if php is None:
        _missing("php-cli 8.1+", "apt-get install php-cli")
    return php


@pytest.mark.parametrize("name", list(CASES))
def test_php_models_parse_every_example(generated: dict[str, Generated], name: str) -> None:
    case = generated[name]
    classes = php_language.class_names(case.api)
    examples = [
        [where, classes[model], value] for where, model, value in response_examples(case.api)
    ]
    script = case.out / "parse_examples.php"
    script.write_text(_PARSE_PHP)
    run = subprocess.run(
        [_php(), str(script), str(case.out / "php")],
        input=json.dumps(examples),
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip() == "", run.stdout


def test_php_packages_lint(generated: dict[str, Generated]) -> None:
    php = _php()
    for case in generated.values():
        for source in sorted((case.out / "php").rglob("*.php")):
            run = subprocess.run(
                [php, "-l", str(source)], capture_output=True, text=True, check=False
            )
            assert run.returncode == 0, run.stdout + run.stderr


# -- the types themselves --------------------------------------------------------------------


def _text(case: Generated, relative: str) -> str:
    return (case.out / relative).read_text()


def test_typed_maps_keep_their_value_type_in_each_language(
    generated: dict[str, Generated],
) -> None:
    case = generated["typed_maps"]
    models = _text(case, f"python/{case.package}/models.py")
    assert "reactions: Annotated[dict[str, list[str]], Field(max_length=50)]" in models
    assert "counts: dict[str, int]" in models
    assert "authors: dict[str, Author]" in models
    assert "scores: dict[str, float] | None" in models
    assert "Item(RootModel" not in models, "no class per bounded item"
    resource = _text(case, f"python/{case.package}/resources/posts.py")
    assert "reactions: Mapping[str, Sequence[str]] | Omit = omit" in resource
    types = _text(case, "typescript/types.d.ts")
    assert "reactions: Record<string, Array<string>>;" in types
    assert "authors: Record<string, Author>;" in types
    assert "scores: Record<string, number> | null;" in types
    post = _text(case, "php/src/Models/Post.php")
    assert "@var array<string, list<string>>" in post
    assert "@var array<string, Author>" in post
    assert "authors: array_map(Author::fromArray(...), $data['authors'])" in post
    posts = _text(case, "php/src/Resources/Posts.php")
    assert "reactions?: array<string, list<string>>" in posts


def test_nullable_nested_objects_however_written(generated: dict[str, Generated]) -> None:
    case = generated["nullable_nested_objects"]
    models = _text(case, f"python/{case.package}/models.py")
    for line in (
        "billing: Customer | None",  # anyOf with null
        "shipping: Address | None",  # oneOf with null
        "gift: OrderGift | None",  # a type array
        "lines: list[OrderLinesItem]",
        "notes: list[OrderLine | None] | None",
    ):
        assert f"    {line}\n" in models, line
    assert "union_mode" not in models, "pydantic refuses union_mode on `X | None` at import"
    types = _text(case, "typescript/types.d.ts")
    for line in (
        "billing: Customer | null;",
        "shipping: Address | null;",
        "gift: OrderGift | null;",
        "lines: Array<OrderLinesItem>;",
        "notes: Array<OrderLine | null> | null;",
    ):
        assert f"  {line}\n" in types, line
    order = _text(case, "php/src/Models/Order.php")
    for line in (
        "public readonly ?Customer $billing,",
        "public readonly ?Address $shipping,",
        "public readonly ?OrderGift $gift,",
        "@var list<OrderLinesItem>",
        "@var list<OrderLine|null>|null",
    ):
        assert line in order, line


def test_whole_api_message_reactions_are_typed(generated: dict[str, Generated]) -> None:
    """Issue 20's first finding, on the whole API: the reactions map keeps its value type."""
    case = generated["whole_api"]
    models = _text(case, f"python/{case.package}/models.py")
    assert "dict[str, list[str]]" in models
    assert "contact: Contact | None\n" in models
    assert "reactions: Record<string, Array<string>>;" in _text(case, "typescript/types.d.ts")
    assert "@var array<string, list<string>>" in _text(case, "php/src/Models/Message.php")


# -- request and response sides ---------------------------------------------------------------

# The answers of the recording server below: a team whose members are objects, as the spec says
# responses hold them, and one whose members are ids, as a server that "answers otherwise" would.
_TEAM = {
    "id": "t1",
    "name": "Blue",
    "members": [{"id": "m1", "name": "Kate"}],
    "lead": {"id": "m1", "name": "Kate"},
}
_IDS_TEAM = {"id": "t2", "name": "Red", "members": ["m1"], "lead": "m1"}


class _Recorder(http.server.BaseHTTPRequestHandler):
    bodies: ClassVar[list[Any]] = []

    def _answer(self, status: int, value: object) -> None:
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        _Recorder.bodies.append(json.loads(self.rfile.read(length)))
        self._answer(201, _TEAM)

    def do_GET(self) -> None:
        self._answer(200, _TEAM if self.path.endswith("/t1") else _IDS_TEAM)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def recorder() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def sides(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    spec = SPECS / "features" / "request_response_sides.yaml"
    out = tmp_path_factory.mktemp("sides") / "generated"
    command = [sys.executable, "-m", "protocol_codegen", "generate", "--spec", str(spec)]
    run = subprocess.run(
        [*command, "--out", str(out)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    return Generated(load_api(spec), out)


def test_each_side_has_its_own_type(sides: Generated) -> None:
    """One schema for both sides: requests take ids and leave read-only attributes out,
    responses hold the objects."""
    resource = _text(sides, f"python/{sides.package}/resources/teams.py")
    assert "name: str,\n        members: Sequence[str],\n        lead: str | None," in resource
    assert "id: str," not in resource.split("def get")[0], "read-only: never sent"
    models = _text(sides, f"python/{sides.package}/models.py")
    assert "members: list[Member]" in models and "lead: Member | None" in models
    types = _text(sides, "typescript/types.d.ts")
    assert "create(body: CreateTeamBody" in _text(sides, "typescript/resources/teams.d.ts")
    body = types.split("export interface CreateTeamBody {")[1].split("}")[0]
    assert "members: Array<string>;" in body and "lead: string | null;" in body
    assert "id:" not in body
    team = types.split("export interface Team {")[1].split("}")[0]
    assert "members: Array<Member>;" in team and "lead: Member | null;" in team
    php_resource = _text(sides, "php/src/Resources/Teams.php")
    assert "@param array{name: string, members: list<string>, lead: string|null} $params" in (
        php_resource
    )


_PY_CLIENT = """
import json, sys
from {package} import APIResponseValidationError, ApiClient
client = ApiClient("token", base_url=sys.argv[1], max_retries=0)
team = client.teams.create(name="Blue", members=["m1"], lead="m1")
print(json.dumps([team.members[0].name, team.lead.name if team.lead else None]))
try:
    client.teams.get("t2")
except APIResponseValidationError as error:
    print(error)
"""


def test_python_sends_ids_reads_objects_and_names_the_failing_side(
    sides: Generated, recorder: str
) -> None:
    _Recorder.bodies.clear()
    run = subprocess.run(
        [sys.executable, "-c", _PY_CLIENT.format(package=sides.package), recorder],
        env={**os.environ, "PYTHONPATH": str(sides.out / "python")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert _Recorder.bodies == [{"name": "Blue", "members": ["m1"], "lead": "m1"}]
    read, error = run.stdout.splitlines()[0], "\n".join(run.stdout.splitlines()[1:])
    assert json.loads(read) == ["Kate", "Kate"]
    assert "GET" in error and "/teams/t2 returned a body that does not match the spec" in error
    assert "Team" in error and "members.0" in error, error


_PHP_CLIENT = """<?php
declare(strict_types=1);
require $argv[1] . '/autoload.php';
$client = new Protocol\\ApiClient('token', ['base_url' => $argv[2], 'max_retries' => 0]);
$team = $client->teams->create(['name' => 'Blue', 'members' => ['m1'], 'lead' => 'm1']);
echo json_encode([$team->members[0]->name, $team->lead?->name]), "\\n";
try {
    $client->teams->get('t2');
} catch (Protocol\\Exceptions\\ApiResponseValidationException $error) {
    echo $error->getMessage(), "\\n";
}
"""


def test_php_sends_ids_reads_objects_and_names_the_failing_side(
    sides: Generated, recorder: str
) -> None:
    _Recorder.bodies.clear()
    script = sides.out / "sides.php"
    script.write_text(_PHP_CLIENT)
    run = subprocess.run(
        [_php(), str(script), str(sides.out / "php"), recorder],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert _Recorder.bodies == [{"name": "Blue", "members": ["m1"], "lead": "m1"}]
    read, error = run.stdout.splitlines()[:2]
    assert json.loads(read) == ["Kate", "Kate"]
    assert error.startswith("The response body does not match the spec (Team): "), error
    assert "Member::fromArray(): Argument #1 ($data) must be of type array, string given" in error


_TS_CLIENT = """
import { ApiClient } from './index.js';
const client = new ApiClient('token', { baseUrl: process.argv[2], maxRetries: 0 });
const team = await client.teams.create({ name: 'Blue', members: ['m1'], lead: 'm1' });
console.log(JSON.stringify([team.members[0].name, team.lead?.name]));
"""


def test_typescript_sends_ids_and_reads_objects(sides: Generated, recorder: str) -> None:
    if shutil.which("node") is None:
        _missing("Node 20", "install Node.js 20")
    _Recorder.bodies.clear()
    script = sides.out / "typescript" / "sides.mjs"
    script.write_text(_TS_CLIENT)
    run = subprocess.run(
        ["node", str(script), recorder], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert _Recorder.bodies == [{"name": "Blue", "members": ["m1"], "lead": "m1"}]
    assert json.loads(run.stdout) == ["Kate", "Kate"]


def test_php_map_values_are_checked(generated: dict[str, Generated]) -> None:
    """PHP's `array` says nothing of a map's values: fromArray checks them as PHPDoc declares."""
    case = generated["typed_maps"]
    script = case.out / "wrong_map.php"
    script.write_text(
        "<?php\nrequire $argv[1] . '/autoload.php';\n"
        "try {\n"
        "    Protocol\\Models\\Post::fromArray(['id' => 'p', 'reactions' => ['smile' => [1]],\n"
        "        'counts' => [], 'labels' => [], 'authors' => [], 'scores' => null]);\n"
        "} catch (Protocol\\Exceptions\\ApiResponseValidationException $error) {\n"
        "    echo $error->getMessage();\n"
        "}\n"
    )
    run = subprocess.run(
        [_php(), str(script), str(case.out / "php")], capture_output=True, text=True, check=False
    )
    assert run.stdout == (
        "The response body does not match the spec (Post): "
        'reactions must be array<string, list<string>>, got {"smile":[1]}'
    ), run.stdout + run.stderr
