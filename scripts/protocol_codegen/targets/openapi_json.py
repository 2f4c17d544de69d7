"""The `openapi.json` target: `generated/openapi.json`, the spec as one JSON document with our
request samples on every operation (`x-codeSamples`: `lang`, `label`, `source`), so that Redoc,
Scalar, Stoplight Elements and Mintlify show the SDKs' own calls instead of generic HTTP
snippets. The samples are `protocol_codegen.languages`', the same as the reference page's.

The spec is a single file whose `$ref`s all point inside it, so the bundled document is the
loaded one as it is; its first key, `x-generated`, says where it came from and not to edit it
(JSON has no comments).
"""

from __future__ import annotations

import json
from typing import Any

from protocol_codegen.languages import LANGUAGES, samples_for
from protocol_codegen.targets._jinja import header
from protocol_spec.model import Api
from protocol_spec.pointers import lookup
from protocol_spec.sdk_settings import SDK

__all__ = ["CODE_SAMPLES", "GENERATED", "ROOT", "render"]

ROOT = "openapi.json"
CODE_SAMPLES = "x-codeSamples"
GENERATED = "x-generated"


def render(api: Api) -> dict[str, str]:
    document: dict[str, Any] = json.loads(json.dumps(api.document))  # plain, and our own copy
    document.pop(SDK, None)  # names our packages, says nothing about the API
    for op in api.operations:
        samples = samples_for(api, op)
        # At the operation's own place: a path item may be a $ref to components/pathItems.
        lookup(document, op.pointer)[CODE_SAMPLES] = [
            {"lang": language.lang, "label": language.label, "source": samples.text(language.key)}
            for language in LANGUAGES
        ]
    line = header(api.source, "scripts/protocol_codegen/targets/openapi_json.py", "").strip()
    bundled = {GENERATED: line, **document}
    return {ROOT: json.dumps(bundled, indent=2, ensure_ascii=False) + "\n"}
