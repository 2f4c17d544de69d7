"""Names, computed once in Python so templates never have to.

The intermediate model stores identifiers in snake_case (`list`, `starting_after`) and type names
in PascalCase (`ConversationList`); targets convert with `camel()` / `pascal()` when their
language wants another style. Everything here is a pure function of strings.
"""

from __future__ import annotations

import keyword
import re

__all__ = [
    "camel",
    "method_name_from_operation_id",
    "pascal",
    "python_identifier",
    "singular",
    "snake",
    "words",
]

# Splits "listConversations", "list_conversations", "list-conversations", "HTTPServer2".
_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z]|\d|\b|_|$)|[A-Z]?[a-z]+|[A-Z]+|\d+")


def words(text: str) -> list[str]:
    """The lower-case words of an identifier in any common style."""
    return [word.lower() for word in _WORD.findall(text)]


def snake(text: str) -> str:
    return "_".join(words(text))


def pascal(text: str) -> str:
    return "".join(word.capitalize() for word in words(text))


def camel(text: str) -> str:
    name = pascal(text)
    return name[:1].lower() + name[1:]


def singular(word: str) -> str:
    """A naive singular, enough to match a tag ("conversations") inside an operationId."""
    if word.endswith("ies") and len(word) > 3:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def method_name_from_operation_id(operation_id: str, tag: str) -> str | None:
    """`listConversations` + tag `conversations` -> `list`; `getConversation` -> `get`.

    Removes the first run of the tag's words (plural or singular) from the operationId's words.
    Returns None when nothing is left, or when the tag does not occur (the caller reports it).
    """
    op_words = words(operation_id)
    tag_words = words(tag)
    forms = {tuple(tag_words), (*tag_words[:-1], singular(tag_words[-1]))}
    for start in range(len(op_words)):
        for form in forms:
            if tuple(op_words[start : start + len(form)]) == form:
                rest = op_words[:start] + op_words[start + len(form) :]
                return "_".join(rest) or None
    return None


def python_identifier(name: str) -> str:
    """A snake_case Python identifier; keywords and builtins-shadowing keywords get a `_`."""
    identifier = snake(name) or "_"
    if identifier[0].isdigit():
        identifier = "_" + identifier
    if keyword.iskeyword(identifier) or keyword.issoftkeyword(identifier):
        identifier += "_"
    return identifier
