"""The PHP target: `generated/php/`, the Composer package `protocol/sdk` (namespace `Protocol`;
another API's names come from `ClientSettings`).

PHP 8.1 or later and nothing beyond PHP's own extensions: HTTP goes through stream wrappers
(Debian's php-cli has no curl extension by default). Models are final classes with read-only
public properties and array access; lists return a `Core\\Page` whose iterator follows the
cursor. `autoload.php` registers a PSR-4 autoloader for use without Composer.

This module turns the neutral model into a PHP view (native and PHPDoc types, signatures, method
bodies, doc blocks) so that the templates only loop and substitute.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from protocol_codegen.languages.php import (
    FILE_TYPE,
    LANGUAGE,
    class_names,
    native_type,
    phpdoc_type,
    query_variable,
    request_parameters,
    resource_property,
    shape_key,
    string_literal,
    variable_name,
    webhook_event_type,
)
from protocol_codegen.policy import (
    ERROR_POLICY,
    JSON,
    MEDIA_POLICY,
    PARAMETER_STYLES,
    RETRY_POLICY,
    AuthPolicy,
    auth_policy,
    plain_path_parameter,
    request_media,
    response_media,
    sdk_operations,
    webhook_policy,
    whole_body,
)
from protocol_codegen.reading import read_models
from protocol_codegen.sdk_view import SdkMethod, SdkModel, SdkResource
from protocol_codegen.targets._jinja import environment, header
from protocol_codegen.targets._readme import readme_view, reflow
from protocol_codegen.targets._text import doc_block, one_line
from protocol_spec.model import Api, Field, Model, Operation, Parameter, Resource, TypeRef

__all__ = [
    "ERROR_SUFFIX",
    "ROOT",
    "STATIC_FILES",
    "PhpModel",
    "PhpOperation",
    "PhpResource",
    "render",
]

ROOT = LANGUAGE.target

# Each runtime adds its own suffix to the error classes of ERROR_POLICY.
ERROR_SUFFIX = "Exception"

# Hand-written runtime: rendered as is, only the header changes.
STATIC_FILES = (
    "autoload.php",
    "src/Core/BaseClient.php",
    "src/Core/BaseModel.php",
    "src/Core/HttpResponse.php",
    "src/Core/Page.php",
    "src/Core/RawResponse.php",
    "src/Core/StreamTransport.php",
    "src/Core/UploadFile.php",
    "src/Exceptions/ApiConnectionException.php",
    "src/Exceptions/ApiException.php",
    "src/Exceptions/ApiResponseValidationException.php",
    "src/Exceptions/ApiStatusException.php",
    "src/Exceptions/ApiTimeoutException.php",
    "src/Exceptions/WebhookVerificationError.php",
)


@dataclass(frozen=True)
class PhpModel:
    class_name: str
    doc: str
    properties: tuple[str, ...]  # constructor lines: doc blocks and promoted properties
    arguments: tuple[str, ...]  # fromArray() lines: named arguments
    attributes: str  # the wire names, as a PHP list literal
    read: bool  # a model the client reads: it keeps attributes it does not declare


@dataclass(frozen=True)
class PhpOperation:
    name: str
    doc: str
    parameters: str
    return_type: str
    body: tuple[str, ...]
    raw_doc: str  # the doc block of its `withRawResponse()` twin
    arguments: str  # the parameters, passed on: `$id, $params, $options`


@dataclass(frozen=True)
class PhpResource:
    class_name: str
    property: str
    doc: str
    property_doc: str
    imports: tuple[str, ...]
    operations: tuple[PhpOperation, ...]


def render(api: Api) -> dict[str, str]:
    env = environment(ROOT)
    names = class_names(api)
    auth = auth_policy(api)

    def template(template_name: str, **context: object) -> str:
        source = f"templates/{ROOT}/{template_name}.jinja"
        comment = "" if template_name.endswith(".json") else "//"
        text = header(api.source, source, comment).lstrip()
        return env.get_template(f"{template_name}.jinja").render(
            header=text,
            policy=RETRY_POLICY,
            media=MEDIA_POLICY,
            webhooks=webhook_policy(api),
            errors=ERROR_POLICY,
            error_suffix=ERROR_SUFFIX,
            namespace=api.settings.php_namespace,
            auth=auth,
            always_required=auth.always_required(api),
            styles=PARAMETER_STYLES,
            php_literal=string_literal,
            **context,
        )

    files = {f"{ROOT}/{name}": template(name) for name in STATIC_FILES}
    files[f"{ROOT}/README.md"] = reflow(
        env.get_template("README.md.jinja").render(
            header=header(api.source, f"templates/{ROOT}/README.md.jinja", comment="").strip(),
            readme=readme_view(api, LANGUAGE),
            package=api.settings.php_package,
            namespace=api.settings.php_namespace,
            client_class=api.settings.client_class,
            first_resource=resource_property(api.resources[0]) if api.resources else "resource",
        )
    )
    for error in ERROR_POLICY.errors:
        class_name = error.class_name(ERROR_SUFFIX)
        files[f"{ROOT}/src/Exceptions/{class_name}.php"] = template(
            "src/Exceptions/StatusException.php", class_name=class_name, doc=error.doc
        )
    files[f"{ROOT}/composer.json"] = template(
        "composer.json",
        name=json.dumps(api.settings.php_package),
        description=json.dumps(f"{api.title} client for PHP"),
        version=json.dumps(api.version),
    )
    view = LANGUAGE.sdk_view(api)
    resources = [
        _resource_view(api, resource, declared, names, api.settings.php_namespace, auth)
        for resource, declared in zip(api.resources, view.resources, strict=True)
    ]
    files[f"{ROOT}/src/{api.settings.client_class}.php"] = template(
        "src/ApiClient.php",
        client_class=api.settings.client_class,
        client_doc=doc_block([api.title, "", api.description], indent=""),
        resources=resources,
        settings=[
            f"'default_base_url' => {string_literal(api.default_base_url)}",
            f"'base_url_env' => {string_literal(api.settings.base_url_env)}",
            f"'user_agent' => {string_literal(f'protocol-sdk-php/{api.version}')}",
        ],
        token_env=api.settings.token_env,
        base_url_env=api.settings.base_url_env,
        credential_options=[
            (argument, variable) for argument, variable in auth.arguments if argument != "token"
        ],
        default_base_url=api.default_base_url,
    )
    php_models = [names.get(model, model) for model in webhook_policy(api).models]
    files[f"{ROOT}/src/Webhooks.php"] = template(
        "src/Webhooks.php",
        php_models=sorted(set(php_models)),
        php_names=names,
        php_union=webhook_event_type(api, names),
    )
    for resource in resources:
        files[f"{ROOT}/src/Resources/{resource.class_name}.php"] = template(
            "src/Resources/Resource.php", resource=resource
        )
        files[f"{ROOT}/src/Resources/{resource.class_name}WithRawResponse.php"] = template(
            "src/Resources/ResourceWithRawResponse.php", resource=resource
        )
    readers = read_models(api)
    for model, declared in zip(api.models, view.models, strict=True):
        php_model = _model_view(model, declared, names, model.name in readers)
        files[f"{ROOT}/src/Models/{php_model.class_name}.php"] = template(
            "src/Models/Model.php", model=php_model
        )
    return dict(sorted(files.items()))


# -- types -----------------------------------------------------------------------------------


def _shape(items: list[tuple[str, bool, TypeRef]], names: dict[str, str]) -> str:
    """A PHPDoc array shape: `array{limit?: int, archived_at?: int|null}`."""
    keys = [
        f"{shape_key(name)}{'' if required else '?'}: {phpdoc_type(type_ref, names, as_input=True)}"
        for name, required, type_ref in items
    ]
    return "array{" + ", ".join(keys) + "}"


# -- models ----------------------------------------------------------------------------------


def _model_view(model: Model, declared: SdkModel, names: dict[str, str], read: bool) -> PhpModel:
    """The class of `model`, its properties as the SDK view declares them (required first:
    PHP deprecates optional parameters before required ones)."""
    properties: list[str] = []
    arguments: list[str] = []
    for prop in declared.fields:
        f = model.field(prop.wire_name)
        assert f is not None, "the view's fields are the model's"
        doc_lines = [f.description] if f.description else []
        phpdoc = phpdoc_type(f.type, names, as_input=False).removesuffix("|null")
        native = prop.type.lstrip("?").removesuffix("|null")
        if phpdoc != native:  # arrays and enums say more in PHPDoc than natively
            nullable = "|null" if prop.type != native else ""
            doc_lines += [*([""] if doc_lines else []), f"@var {phpdoc}{nullable}"]
        doc = doc_block(doc_lines, indent="")
        properties += doc.splitlines() if doc else []
        default = "" if prop.required else " = null"
        properties.append(f"public readonly {prop.type} ${prop.name}{default},")
        arguments.append(f"{prop.name}: {_from_array(f, names, read)},")
    paragraphs = [model.description] if model.description else []
    if read:
        paragraphs += [
            *([""] if paragraphs else []),
            "Attributes a newer server sends that this version does not declare are kept:",
            "see extra().",
        ]
    return PhpModel(
        class_name=declared.name,
        doc=doc_block(paragraphs, indent=""),
        properties=tuple(properties),
        arguments=tuple(arguments),
        attributes="[" + ", ".join(string_literal(f.name) for f in model.fields) + "]",
        read=read,
    )


def _from_array(f: Field, names: dict[str, str], read: bool) -> str:
    """The expression that reads attribute `f` from the decoded JSON object `$data`; a model
    the client reads checks the items of lists and maps (`read`)."""
    key = f"$data[{string_literal(f.name)}]"
    converted = _convert(f.type, key, names)
    if read and converted == key and _holds_scalars(f.type):  # PHP's `array` says less than PHPDoc
        doc = string_literal(phpdoc_type(f.type, names, as_input=False))
        converted = f"self::checked({key}, {doc}, {string_literal(f.name)})"
    if converted == key:
        return key if f.required and not f.type.nullable else f"{key} ?? null"
    return f"isset({key}) ? {converted} : null" if not f.required or f.type.nullable else converted


def _holds_scalars(type_ref: TypeRef) -> bool:
    """A list or map whose items (and theirs) are scalars or enums, never models."""
    inner = type_ref.items if type_ref.kind == "array" else type_ref.additional
    if type_ref.kind not in ("array", "object") or inner is None:
        return False
    return inner.kind in ("string", "integer", "number", "boolean", "enum") or _holds_scalars(inner)


def _convert(type_ref: TypeRef, value: str, names: dict[str, str]) -> str:
    if type_ref.kind == "model" and type_ref.name is not None:
        return f"{names[type_ref.name]}::fromArray({value})"
    models = [names[o.name] for o in type_ref.options if o.kind == "model" and o.name]
    if models and type_ref.discriminator and type_ref.mapping:
        pairs = ", ".join(f"{string_literal(v)} => {names[m]}::class" for v, m in type_ref.mapping)
        return f"self::discriminated({value}, {string_literal(type_ref.discriminator)}, [{pairs}])"
    if models:
        classes = ", ".join(f"{m}::class" for m in models)
        if any(o.kind == "object" for o in type_ref.options):  # or a map, kept as an array
            return f"self::firstOf({value}, [{classes}], orMap: true)"
        return f"self::firstOf({value}, [{classes}])"
    items = type_ref.items if type_ref.kind == "array" else type_ref.additional
    if type_ref.kind in ("array", "object") and items is not None and items.options:
        each = _convert(items, "$item", names)
        if each != "$item":  # the helpers keep null as null
            return f"array_map(static fn (mixed $item): mixed => {each}, {value})"
    if type_ref.kind in ("array", "object") and items is not None and items.kind == "model":
        model = names[items.name or ""]
        each = (
            f"static fn (?array $item): ?{model} => $item === null ? null : {model}::fromArray($item)"
            if items.nullable
            else f"{model}::fromArray(...)"
        )
        return f"array_map({each}, {value})"  # array_map keeps a map's keys
    return value


# -- resources -------------------------------------------------------------------------------


def _resource_view(
    api: Api,
    resource: Resource,
    declared: SdkResource,
    names: dict[str, str],
    namespace: str,
    auth: AuthPolicy,
) -> PhpResource:
    """The resource's class; its property and methods' names are the SDK view's."""
    operations = tuple(_operation(method, names, namespace, auth) for method in declared.methods)
    every = sdk_operations(api, resource)
    used = sorted({name for op in every for name in _models_used(op, names)})
    imports = [f"{namespace}\\Models\\{name}" for name in used]
    if any(op.pagination is not None for op in every):
        imports.append(f"{namespace}\\Core\\Page")
    if any("BaseModel::" in line for op in operations for line in op.body):
        imports.append(f"{namespace}\\Core\\BaseModel")
    if any(FILE_TYPE in op.doc for op in operations):
        imports.append(f"{namespace}\\Core\\UploadFile")
    doc = resource.description or resource.name
    return PhpResource(
        class_name=declared.class_name,
        property=declared.name,
        doc=doc_block([doc], indent=""),
        property_doc=doc_block([doc], indent="    "),
        imports=tuple(sorted(imports)),
        operations=operations,
    )


def _request_arguments(op: Operation, auth: AuthPolicy) -> list[str]:
    """The named arguments of `request()` that say how parameters and credentials travel:
    `security`, `styles` (those not sent as their location's default) and `locations` (the
    header and cookie keys of the parameters array)."""
    arguments = []
    security = auth.requirements(op)
    if security:
        alternatives = ", ".join(
            "[" + ", ".join(string_literal(name) for name in alternative) + "]"
            for alternative in security
        )
        arguments.append(f"security: [{alternatives}]")
    defaults = {"query": ("form", True), "cookie": ("form", True)}
    styles = [
        f"{string_literal(p.name)} => [{string_literal(p.style)}, {'true' if p.explode else 'false'}]"
        for p in request_parameters(op)
        if (p.style, p.explode) != defaults.get(p.location, ("simple", False))
    ]
    if styles:
        arguments.append(f"styles: [{', '.join(styles)}]")
    locations = [
        f"{string_literal(p.name)} => {string_literal(p.location)}"
        for p in request_parameters(op)
        if p.location != "query"
    ]
    if locations:
        arguments.append(f"locations: [{', '.join(locations)}]")
    return arguments


def _operation(
    method: SdkMethod, names: dict[str, str], namespace: str, auth: AuthPolicy
) -> PhpOperation:
    op = method.operation
    path_vars = [variable_name(p.identifier) for p in op.path_params]
    parameters = [
        f"{native_type(p.type, names)} ${name}"
        for name, p in zip(path_vars, op.path_params, strict=True)
    ]
    tags = [
        f"@param {phpdoc_type(p.type, names, as_input=True)} ${name} {one_line(p.description)}".rstrip()
        for name, p in zip(path_vars, op.path_params, strict=True)
    ]
    query_var = query_variable(op)
    members = request_parameters(op)
    if members:
        required = any(p.required for p in members)
        parameters.append(f"array {query_var}" + ("" if required else " = []"))
        shape = _shape([(p.name, p.required, p.type) for p in members], names)
        tags.append(f"@param {shape} {query_var}")
    whole = whole_body(op)
    if whole is not None:
        native = native_type(whole.type, names)
        native = "mixed" if whole.type.format == "binary" else native
        optional = "" if whole.required else " = null"
        if optional and native != "mixed":
            native = native if native.startswith("?") else "?" + native
        parameters.append(f"{native} $body{optional}")
        typed = phpdoc_type(whole.type, names, as_input=True)
        tags.append(f"@param {typed}{'' if whole.required else '|null'} $body")
    elif op.body is not None:
        parameters.append("array $params" + ("" if op.body.required else " = []"))
        shape = _shape([(f.name, f.required, f.type) for f in op.body.fields], names)
        tags.append(f"@param {shape} $params")
    parameters.append("array $options = []")
    key = ", idempotency_key?: string" if op.idempotency_key is not None else ""
    tags.append(
        "@param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, "
        f"headers?: array<string, string>{key}}} $options"
    )

    path = _path_expression(op.path, op.path_params, path_vars)
    query = query_var if members else "[]"  # requestPage() takes it positionally
    travel = _request_arguments(op, auth)
    if op.pagination is not None:
        item = names[op.pagination.item.name or ""]
        return_type = "Page"
        tags.append(f"@return Page<{item}> iterate it to walk every page")
        page = op.pagination
        pagination = ", ".join(
            f"{string_literal(key)} => {string_literal(value) if value is not None else 'null'}"
            for key, value in (
                ("items_field", page.items_field),
                ("has_more_field", page.has_more_field),
                ("after_param", page.after_param),
                ("before_param", page.before_param),
                ("cursor_field", page.cursor_field),
            )
        )
        body = [
            "return $this->client->requestPage(",
            f"    {path},",
            f"    {query},",
            f"    {item}::fromArray(...),",
            f"    [{pagination}],",
            "    $options,",
            *(f"    {argument}," for argument in travel),
            ");",
        ]
    else:
        answer = response_media(op)
        content = answer.kind in ("binary", "text")
        media = _media(op)
        call = [
            f"$this->client->{'requestContent' if content else 'request'}(",
            f"    {string_literal(op.http_method)},",
            f"    {path},",
            *([f"    query: {query_var},"] if members else []),
            *([f"    body: {'$body' if whole else '$params'},"] if op.body is not None else []),
            f"    retrySafe: {'true' if op.retry_safe else 'false'},",
            "    options: $options,",
            *(
                [f"    idempotencyHeader: {string_literal(op.idempotency_key.name)},"]
                if op.idempotency_key is not None
                else []
            ),
            *([f"    media: {media},"] if media else []),
            *(f"    {argument}," for argument in travel),
            ")",
        ]
        result = op.result
        if content:
            return_type = "string"
            body = [f"return {call[0]}", *call[1:-1], ");"]
        elif result is None:
            return_type = "void"
            body = [*call[:-1], ");"]
        elif result.kind == "model" and result.name is not None:
            return_type = names[result.name]
            body = [f"return {return_type}::fromArray(", *(f"    {line}" for line in call), ");"]
        else:
            # A list, a scalar or a union: the decoded JSON value, its models made objects.
            return_type = native_type(result, names)
            tags.append(f"@return {phpdoc_type(result, names, as_input=False)}")
            converted = _convert(result, "$result", names).replace("self::", "BaseModel::")
            if converted == "$result":
                body = [f"return {call[0]}", *call[1:-1], ");"]
            else:
                body = [f"$result = {call[0]}", *call[1:-1], ");", f"return {converted};"]
    throws = f"@throws \\{namespace}\\Exceptions\\ApiException"
    lines = [op.summary or op.operation_id]
    if op.description:
        lines += ["", op.description]
    returned = next((tag.split()[1] for tag in tags if tag.startswith("@return ")), return_type)
    raw_tags = [tag for tag in tags if not tag.startswith("@return ")]
    raw_result = "null" if returned == "void" else returned
    return PhpOperation(
        name=method.name,
        doc=doc_block([*lines, "", *tags, throws], indent="    "),
        parameters=", ".join(parameters),
        return_type=return_type,
        body=tuple(body),
        raw_doc=doc_block(
            [
                f"{op.summary or op.operation_id}, with its HTTP response.",
                "",
                *raw_tags,
                f"@return RawResponse<{raw_result}>",
                throws,
            ],
            indent="    ",
        ),
        arguments=", ".join(parameter.split()[1] for parameter in parameters),
    )


def _media(op: Operation) -> str:
    """The `media:` argument: how the body travels and the Accept header, where they are not
    JSON's ('' when both are)."""
    sent = request_media(op)
    answer = response_media(op)
    entries = []
    if sent is not None and sent.kind != "json":
        entries.append(f"'encoding' => {string_literal(sent.kind)}")
    if sent is not None and sent.content_type != JSON:
        entries.append(f"'content_type' => {string_literal(sent.content_type)}")
    if sent is not None and sent.files:
        files = ", ".join(string_literal(name) for name in sent.files)
        entries.append(f"'files' => [{files}]")
    if sent is not None and sent.whole:
        entries.append("'whole' => true")
    if answer.accept != JSON:
        entries.append(f"'accept' => {string_literal(answer.accept)}")
    return "[" + ", ".join(entries) + "]" if entries else ""


def _path_expression(path: str, params: tuple[Parameter, ...], variables: list[str]) -> str:
    """`'/v1/things/' . rawurlencode($id)` for `/v1/things/{id}`."""
    parts: list[str] = []
    rest = path
    for param, variable in zip(params, variables, strict=True):
        before, _, rest = rest.partition("{" + param.name + "}")
        if before:
            parts.append(string_literal(before))
        if plain_path_parameter(param) and param.type.kind == "string":
            parts.append(f"rawurlencode(${variable})")
        else:  # its text in its style: `true`, `.5`, `;id=a;id=b`
            explode = "true" if param.explode else "false"
            style, name = string_literal(param.style), string_literal(param.name)
            parts.append(f"BaseClient::pathParam(${variable}, {explode}, {style}, {name})")
    if rest or not parts:
        parts.append(string_literal(rest))
    return " . ".join(parts)


def _models_used(op: Operation, names: dict[str, str]) -> set[str]:
    if op.pagination is not None and op.pagination.item.name is not None:
        return {names[op.pagination.item.name]}
    found: set[str] = set()
    types = [op.result] if op.result is not None else []
    while types:
        type_ref = types.pop()
        if type_ref.kind == "model" and type_ref.name is not None:
            found.add(names[type_ref.name])
        types += [t for t in (type_ref.items, type_ref.additional) if t is not None]
        types += type_ref.options
    return found
