"""What a language is, for the generator: the one protocol every language module implements.

A `Language` writes the example values of `protocol_codegen.samples` as a request sample and
says how the reference page colours it. An `SdkLanguage` is also the language of a generated
client: its identifiers and their escapes, literals, reserved words, type syntax, the set-up and
the call of its samples and README, and the client's public surface (`sdk_view`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from protocol_codegen.samples import CallValues
from protocol_codegen.sdk_view import SdkView
from protocol_spec.model import Api, Operation, Resource, TypeRef

__all__ = ["Language", "ListExamples", "SdkLanguage", "Tokens"]


@dataclass(frozen=True)
class Tokens:
    """How the reference page colours a code block of the language (`targets/_highlight.py`):
    named regular expressions tried in the order comment, `leading`, string, `after_strings`,
    keyword, and (with `numbers_and_calls`) number and function call."""

    keywords: str = ""  # separated by spaces
    comment: str | None = None
    leading: tuple[tuple[str, str], ...] = ()  # (token kind, pattern), tried before strings
    after_strings: tuple[tuple[str, str], ...] = ()  # (token kind, pattern)
    numbers_and_calls: bool = True


# Builds the values of a call to the README's listing: `query(limit=2)`, `query(before=Code)`.
ListExamples = Callable[..., CallValues]


class Language(ABC):
    """A language request samples are written in."""

    key: ClassVar[str]  # the sample's key: `Samples.text(key)`, tab and panel ids
    label: ClassVar[str]  # the tab's label on the page and the `label` of x-codeSamples
    lang: ClassVar[str]  # the `lang` of x-codeSamples (Redoc's names)
    highlight: ClassVar[str]  # the language of the code block: `language-<highlight>`
    tokens: ClassVar[Tokens]

    @abstractmethod
    def sample(self, api: Api, operation: Operation, values: CallValues) -> str:
        """The whole sample of `operation` sending `values`, ending with a newline."""


class SdkLanguage(Language):
    """The language of a generated client package."""

    target: ClassVar[str]  # the target's name, which is also its subtree of generated/
    sdk_name: ClassVar[str]  # how the review names the SDK: `TypeScript`
    reserved_words: ClassVar[frozenset[str]]  # names the language's identifiers must escape
    line_comment: ClassVar[str]  # what starts a comment, for the generated files' header
    type_names_ignore_case: ClassVar[bool] = False  # whether `Thing` and `thing` clash

    def sample(self, api: Api, operation: Operation, values: CallValues) -> str:
        """The client's set-up, then the call as a statement: what every SDK sample is."""
        call = self.statement(self.call(api, operation, values))
        return "\n\n".join([*self.setup(api), call]) + "\n"

    @abstractmethod
    def string_literal(self, value: str) -> str:
        """A string literal of the language."""

    @abstractmethod
    def resource_name(self, resource: Resource) -> str:
        """The resource's attribute on the client."""

    @abstractmethod
    def method_name(self, operation: Operation) -> str:
        """The operation's method on its resource."""

    @abstractmethod
    def type_text(self, api: Api, type_ref: TypeRef) -> str:
        """The type of an argument, as a signature of the client declares it."""

    @abstractmethod
    def setup(self, api: Api) -> list[str]:
        """The statements that import the client and make one from the token."""

    @abstractmethod
    def call(self, api: Api, operation: Operation, values: CallValues | None = None) -> str:
        """The call of `operation` (an expression), sending `values` (default: the examples)."""

    @abstractmethod
    def statement(self, call: str) -> str:
        """A call as a statement of its own."""

    @abstractmethod
    def list_examples(self, api: Api, listing: Operation, query: ListExamples) -> dict[str, str]:
        """The README's calls to the first paginated list: `list`, `list_small` (two a page),
        `list_before` (the page before the last item of `newest`), `list_options` (a timeout
        of 5 s and no retries), `list_raw` (with the HTTP response)."""

    @abstractmethod
    def sdk_view(self, api: Api) -> SdkView:
        """The public surface of the generated client."""
