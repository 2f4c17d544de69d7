"""The registry of review rules: every finding names one, with a fixed section and severity.

Rule ids are stable: CI jobs, ignore files and code-scanning alerts refer to them. The rule
table of docs/review.md is generated from `RULES` (`python -m protocol_review --list-rules`)
and a test checks that it lists exactly these.

Values clients send (parameters, request bodies) break when they accept less; values clients
receive (responses, and webhook payloads as their receivers see them) break when they may hold
more. The value rules are therefore spelled once and instantiated per flow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["FLOWS", "RULES", "Flow", "Rule", "Section", "Severity", "rule"]

Section = Literal["wire", "sdk", "lint", "review"]
# `potentially-breaking`: may break some clients, depending on what they send or how they read
# it (a new bound where there was none, a pattern that changed, an attribute no longer listed
# in an object that accepts unknown ones); exit 0 unless FAIL_ON=potentially-breaking.
Severity = Literal["breaking", "potentially-breaking", "compatible", "warning"]


@dataclass(frozen=True)
class Rule:
    id: str
    section: Section
    severity: Severity
    summary: str


@dataclass(frozen=True)
class Flow:
    """Which way a value travels: `sent` by clients, or received by them."""

    prefix: str  # rule id prefix
    sent: bool
    subject: str  # in summaries: "a value clients send"


FLOWS = {
    "request": Flow("request", True, "a parameter or request-body value clients send"),
    "response": Flow("response", False, "a response value clients receive"),
    "webhook": Flow("webhook", False, "a webhook payload value receivers get"),
}

# (suffix, severity for values clients send, severity for values they receive, what changed).
# Senders break when fewer values are accepted; receivers when more may arrive.
_B: Severity = "breaking"
_P: Severity = "potentially-breaking"
_C: Severity = "compatible"
_VALUE_CHANGES: tuple[tuple[str, Severity, Severity, str], ...] = (
    ("type-changed", _B, _B, "changed to a type that does not contain the old one"),
    ("type-widened", _C, _B, "accepts more types (integer to number, a second type)"),
    ("type-narrowed", _B, _C, "accepts fewer types"),
    ("nullable-added", _C, _B, "may now be null"),
    ("nullable-removed", _B, _C, "may no longer be null"),
    ("enum-widened", _C, _B, "gained enum values (or lost its enum)"),
    ("enum-narrowed", _B, _C, "lost enum values (or gained an enum, or a const)"),
    (
        "extensible-enum-widened",
        _C,
        _C,
        "gained x-extensible-enum values (readers expect new ones)",
    ),
    ("extensible-enum-narrowed", _B, _C, "lost x-extensible-enum values"),
    ("range-widened", _C, _B, "lower minimum or higher maximum"),
    ("range-narrowed", _B, _C, "higher minimum or lower maximum"),
    ("range-set", _P, _C, "a minimum or maximum where there was none"),
    ("length-widened", _C, _B, "looser minLength/maxLength/minItems/maxItems/*Properties"),
    ("length-narrowed", _B, _C, "tighter minLength/maxLength/minItems/maxItems/*Properties"),
    (
        "length-set",
        _P,
        _C,
        "a minLength/maxLength/minItems/maxItems/*Properties where there was none",
    ),
    ("pattern-added", _B, _C, "must now match a pattern"),
    ("pattern-removed", _C, _B, "no longer has to match a pattern"),
    ("pattern-changed", _P, _B, "must match a different pattern"),
    (
        "keyword-narrowed",
        _B,
        _C,
        (
            "allows fewer values: a JSON Schema keyword was added or tightened (if/then/else, "
            "not, contains, min/maxContains, prefixItems, propertyNames, patternProperties, "
            "dependentRequired, dependentSchemas, unevaluated*, content*, format, multipleOf, "
            "uniqueItems, an additionalProperties schema)"
        ),
    ),
    (
        "keyword-widened",
        _C,
        _B,
        "allows more values: one of those keywords was removed or loosened",
    ),
    ("keyword-changed", _B, _B, "one of those keywords changed, neither wider nor narrower"),
    ("member-added", _C, _B, "an anyOf/oneOf gained a member"),
    ("member-removed", _B, _C, "an anyOf/oneOf lost a member"),
    ("discriminator-changed", _P, _P, "a discriminator's property or a mapping entry changed"),
    ("discriminator-added", _C, _C, "a discriminator or a mapping entry was added"),
    ("default-changed", _P, _C, "what leaving an attribute out means (its default) changed"),
)
_SENT_OBJECT_CHANGES: tuple[tuple[str, Severity, str], ...] = (
    ("property-removed", "breaking", "an attribute clients send was removed from a closed object"),
    (
        "property-unlisted",
        "potentially-breaking",
        "an attribute clients send is no longer listed (the object accepts unknown attributes)",
    ),
    (
        "property-removed-after-deprecation",
        "compatible",
        "a deprecated attribute was removed after its sunset date (or it had none)",
    ),
    ("property-renamed", "breaking", "an attribute clients send was renamed"),
    ("property-added", "compatible", "a new optional attribute"),
    ("property-added-required", "breaking", "a new required attribute"),
    ("property-became-required", "breaking", "an optional attribute became required"),
    ("property-became-optional", "compatible", "a required attribute became optional"),
    ("closed", "breaking", "unknown attributes are now refused (additionalProperties: false)"),
    ("opened", "compatible", "unknown attributes are now accepted"),
)
_RECEIVED_OBJECT_CHANGES: tuple[tuple[str, Severity, str], ...] = (
    ("property-removed", "breaking", "an always-present attribute clients read was removed"),
    (
        "optional-property-removed",
        "potentially-breaking",
        "an optional attribute clients read was removed (they must cope with its absence)",
    ),
    (
        "property-removed-after-deprecation",
        "compatible",
        "a deprecated attribute was removed after its sunset date (or it had none)",
    ),
    ("property-renamed", "breaking", "an attribute clients read was renamed"),
    ("property-added", "compatible", "a new attribute (clients tolerate unknown attributes)"),
    ("property-became-optional", "breaking", "an always-present attribute may now be absent"),
    ("property-became-required", "compatible", "an optional attribute is now always present"),
)

_STRUCTURE: tuple[tuple[str, Severity, str], ...] = (
    ("operation-removed", "breaking", "an operation was removed"),
    ("operation-added", "compatible", "a new operation"),
    ("operation-path-changed", "breaking", "an operation (same operationId) moved to another path"),
    ("operation-method-changed", "breaking", "an operation (same operationId) changed method"),
    ("operation-deprecated", "compatible", "an operation was marked deprecated"),
    (
        "operation-removed-after-deprecation",
        "compatible",
        "a deprecated operation was removed after its sunset date (or it had none)",
    ),
    (
        "operation-removed-before-sunset",
        "breaking",
        "a deprecated operation was removed before its sunset date (x-sunset)",
    ),
    ("sunset-earlier", "breaking", "an x-sunset date moved earlier"),
    ("sunset-removed", "breaking", "a deprecated operation or parameter lost its x-sunset date"),
    (
        "sunset-invalid",
        "breaking",
        "an x-sunset changed and one side is not a date (YYYY-MM-DD or RFC 3339)",
    ),
    (
        "stability-decreased",
        "breaking",
        "an x-stability-level went down (stable > beta > alpha > draft)",
    ),
    (
        "stability-invalid",
        "breaking",
        "an x-stability-level changed and one side is not draft, alpha, beta or stable",
    ),
    ("component-schema-removed", "compatible", "a schema of components/schemas was removed"),
    (
        "relation-target-changed",
        "breaking",
        "a reference (x-protocol-reference) names another resource",
    ),
    (
        "relation-delete-changed",
        "breaking",
        "deleting a reference's target now deletes its referrers, or is refused (onDelete)",
    ),
    (
        "relation-delete-softened",
        "potentially-breaking",
        "deleting a reference's target now keeps its referrers (onDelete: clear)",
    ),
    (
        "relation-kept-in-step-added",
        "compatible",
        "the server keeps a value in step (alongside, inverse, touch)",
    ),
    (
        "relation-kept-in-step-removed",
        "breaking",
        "the server no longer keeps a value in step (alongside, inverse, touch)",
    ),
    (
        "relation-kept-in-step-changed",
        "breaking",
        "the server keeps a value in step another way",
    ),
    (
        "filter-changed",
        "breaking",
        "a list parameter narrows the list another way (x-protocol-filter: attribute, match, through)",
    ),
    (
        "parameter-style-changed",
        "breaking",
        "a parameter's array, object or path value is written another way (style, explode)",
    ),
    ("success-status-changed", "breaking", "the success status of an operation changed"),
    ("response-status-added", "compatible", "a new error status is documented"),
    ("response-status-removed", "compatible", "an error status is no longer documented"),
    ("response-media-type-removed", "breaking", "a response no longer comes as a media type"),
    ("response-media-type-added", "compatible", "a response comes as a new media type"),
    ("response-header-removed", "breaking", "a response header was removed"),
    ("response-header-added", "compatible", "a new response header"),
    ("response-header-became-optional", "breaking", "a required response header became optional"),
    ("request-body-added", "compatible", "an operation accepts a new optional body"),
    ("request-body-added-required", "breaking", "an operation requires a new body"),
    ("request-body-removed", "breaking", "an operation no longer takes a body"),
    ("request-body-became-required", "breaking", "an optional request body became required"),
    ("request-body-became-optional", "compatible", "a required request body became optional"),
    ("request-media-type-removed", "breaking", "a request body media type is no longer accepted"),
    ("request-media-type-added", "compatible", "a request body media type is newly accepted"),
    ("parameter-removed", "breaking", "a parameter was removed"),
    (
        "parameter-removed-after-deprecation",
        "compatible",
        "a deprecated parameter was removed after its sunset date (or it had none)",
    ),
    ("parameter-removed-before-sunset", "breaking", "a parameter was removed before its sunset"),
    ("parameter-deprecated", "compatible", "a parameter was marked deprecated"),
    ("parameter-renamed", "breaking", "a parameter was renamed (same place and schema)"),
    ("parameter-added", "compatible", "a new optional parameter"),
    ("parameter-added-required", "breaking", "a new required parameter"),
    ("parameter-became-required", "breaking", "an optional parameter became required"),
    ("parameter-became-optional", "compatible", "a required parameter became optional"),
    ("parameter-location-changed", "breaking", "a parameter moved (query, header, path)"),
    ("parameter-default-changed", "breaking", "what leaving a parameter out means changed"),
    ("security-scheme-removed", "breaking", "a security scheme was removed"),
    ("security-scheme-added", "compatible", "a new security scheme"),
    (
        "security-scheme-unused-removed",
        "compatible",
        "a security scheme no operation used was removed",
    ),
    ("security-scheme-changed", "breaking", "a security scheme changed type or scheme"),
    ("security-url-changed", "breaking", "an OAuth flow's authorization or token URL changed"),
    ("security-scope-removed", "breaking", "an OAuth flow no longer offers a scope"),
    ("security-scope-added", "compatible", "an OAuth flow offers a new scope"),
    ("operation-security-removed", "breaking", "an operation no longer accepts a scheme"),
    ("operation-security-added", "compatible", "an operation accepts another scheme"),
    ("webhook-removed", "breaking", "a webhook is no longer sent"),
    ("webhook-added", "compatible", "a new webhook"),
    ("webhook-header-removed", "breaking", "a webhook delivery lost a header"),
    ("webhook-header-added", "compatible", "a webhook delivery carries a new header"),
    ("webhook-signing-changed", "breaking", "deliveries are signed another way (scheme, header)"),
    ("webhook-signing-removed", "breaking", "deliveries are no longer declared signed"),
    ("webhook-signing-added", "compatible", "deliveries are now declared signed"),
    ("webhook-event-removed", "breaking", "a resource no longer emits one of its change events"),
    ("webhook-event-renamed", "breaking", "a resource's change event has another type"),
    ("webhook-event-added", "compatible", "a resource emits a new change event"),
)

_SDK: tuple[tuple[str, Severity, str], ...] = (
    ("sdk-resource-removed", "breaking", "a client resource disappeared"),
    ("sdk-resource-renamed", "breaking", "a client resource has a new name"),
    ("sdk-resource-added", "compatible", "a new client resource"),
    ("sdk-method-removed", "breaking", "a method disappeared"),
    ("sdk-method-renamed", "breaking", "a method has a new name"),
    ("sdk-method-added", "compatible", "a new method"),
    ("sdk-method-returns-changed", "breaking", "a method returns another type"),
    ("sdk-parameter-removed", "breaking", "a method parameter disappeared"),
    ("sdk-parameter-renamed", "breaking", "a method parameter has a new name"),
    ("sdk-parameter-added", "compatible", "a new optional method parameter"),
    ("sdk-parameter-added-required", "breaking", "a new required method parameter"),
    ("sdk-parameter-type-changed", "breaking", "a method parameter has another type"),
    ("sdk-parameter-type-widened", "compatible", "a method parameter accepts more (a wider union)"),
    ("sdk-parameter-became-required", "breaking", "an optional method parameter became required"),
    ("sdk-parameter-became-optional", "compatible", "a required method parameter became optional"),
    ("sdk-model-removed", "breaking", "a model, enum or type disappeared"),
    ("sdk-model-renamed", "breaking", "a model, enum or type has a new name"),
    ("sdk-model-added", "compatible", "a new model, enum or type"),
    ("sdk-field-removed", "breaking", "a model field or enum member disappeared"),
    ("sdk-field-renamed", "breaking", "a model field has a new name"),
    ("sdk-field-added", "compatible", "a new model field or enum member"),
    ("sdk-field-type-changed", "breaking", "a model field has another type"),
    ("sdk-field-became-optional", "breaking", "a model field may now be absent"),
    ("sdk-field-became-required", "compatible", "a model field is now always present"),
    (
        "sdk-input-field-type-widened",
        "compatible",
        "a field of a model clients only send accepts more (a wider type, null)",
    ),
    (
        "sdk-input-field-became-required",
        "breaking",
        "a field of a model clients only send must now be given",
    ),
    (
        "sdk-input-field-became-optional",
        "compatible",
        "a field of a model clients only send may now be left out",
    ),
    (
        "sdk-impact-not-computed",
        "warning",
        "the SDK cannot be generated from one side, so its impact is not computed",
    ),
)

_LINT: tuple[tuple[str, str], ...] = (
    ("lint-summary", "an operation has no summary"),
    ("lint-description", "an operation has no description"),
    ("lint-tag", "an operation's tag is not declared under `tags`"),
    ("lint-property-description", "a property has no description"),
    ("lint-response-example", "a response with a body has no example"),
    ("lint-error-schema", "an error response does not use the Error schema"),
    ("lint-method-name", "an operationId yields no method name (x-protocol-sdk-method hides it)"),
    ("lint-name-collision", "two names become one identifier in Python, TypeScript or PHP"),
    ("lint-reserved-word", "a name is reserved in a target language, so the SDK renames it"),
    ("lint-semantic-gap", "something the toolchain needs is left unsaid (see Resource.gaps)"),
    ("lint-annotation-inconsistent", "annotations and schemas disagree"),
)

_REVIEW: tuple[tuple[str, str], ...] = (
    ("ignore-unknown-rule", "a review-ignore entry names a rule that does not exist"),
    ("ignore-unused-entry", "a review-ignore entry matches no finding"),
)


def _registry() -> dict[str, Rule]:
    rules: list[Rule] = [Rule(i, "wire", s, text) for i, s, text in _STRUCTURE]
    for flow in FLOWS.values():
        for suffix, if_sent, if_received, text in _VALUE_CHANGES:
            severity = if_sent if flow.sent else if_received
            rules.append(
                Rule(f"{flow.prefix}-{suffix}", "wire", severity, f"{flow.subject} {text}")
            )
        changes = _SENT_OBJECT_CHANGES if flow.sent else _RECEIVED_OBJECT_CHANGES
        for suffix, object_severity, text in changes:
            summary = f"{text} ({flow.prefix})"
            rules.append(Rule(f"{flow.prefix}-{suffix}", "wire", object_severity, summary))
    rules += [Rule(i, "sdk", s, text) for i, s, text in _SDK]
    rules += [Rule(i, "lint", "warning", text) for i, text in _LINT]
    rules += [Rule(i, "review", "warning", text) for i, text in _REVIEW]
    registry = {r.id: r for r in rules}
    assert len(registry) == len(rules), "duplicate rule id"
    return registry


RULES: dict[str, Rule] = _registry()


def rule(rule_id: str) -> Rule:
    """The registered rule; a KeyError for an id nobody registered (a bug, caught by tests)."""
    return RULES[rule_id]
