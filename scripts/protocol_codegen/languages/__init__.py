"""The registry of languages: one module each, implementing `base.Language` (samples only, such
as curl) or `base.SdkLanguage` (the language of a generated client).

Everything that is per language loops over `LANGUAGES`: the reference page's tabs and
`generated/openapi.json`'s x-codeSamples (in this order), the code colouring, the clients'
READMEs and the review's SDK surfaces. To add a language, see ARCHITECTURE.md, 'A language'.

    from protocol_codegen.languages import LANGUAGES, samples_for
    samples = samples_for(api, operation)
    for language in LANGUAGES:
        print(language.label, samples.text(language.key))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from protocol_codegen.languages import curl, php, python, typescript
from protocol_codegen.languages.base import Language, SdkLanguage
from protocol_codegen.samples import CallValues, example_values
from protocol_spec.model import Api, Operation

__all__ = ["LANGUAGES", "SDK_LANGUAGES", "Samples", "samples_for"]

# The order of the samples' tabs.
LANGUAGES: tuple[Language, ...] = (
    curl.LANGUAGE,
    typescript.LANGUAGE,
    python.LANGUAGE,
    php.LANGUAGE,
)

# Languages with a generated client, by target name.
SDK_LANGUAGES: dict[str, SdkLanguage] = {
    language.target: language for language in LANGUAGES if isinstance(language, SdkLanguage)
}


@dataclass(frozen=True)
class Samples:
    """An operation's samples in every language, and the values they send."""

    texts: Mapping[str, str]  # Language.key -> the sample
    values: CallValues

    def text(self, key: str) -> str:
        """The sample of the language whose `Language.key` is `key`."""
        if key not in self.texts:
            raise KeyError(f"no sample language '{key}'; known: {', '.join(self.texts)}")
        return self.texts[key]


def samples_for(api: Api, operation: Operation) -> Samples:
    """Every language's sample of an operation of `api`, sending the spec's example values."""
    values = example_values(api, operation)
    texts = {language.key: language.sample(api, operation, values) for language in LANGUAGES}
    return Samples(texts, values)
