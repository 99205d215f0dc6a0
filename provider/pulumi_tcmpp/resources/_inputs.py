"""Resource inputs: one pydantic model per resource, validated offline, unknown-tolerant.

``check`` runs in ``pulumi preview`` too, where inputs that depend on resources not yet
created are *unknown*. Each known field is validated on its own (so an unknown neighbour does
not hide its errors), unknown fields are passed through untouched, cross-field rules run once
their own fields are known, and the whole model is validated only when everything is known.
The rules themselves live in :mod:`pulumi_tcmpp.rules` (shared with the cloning spec); the
aliases below attach them to input types. Normalisation lives in the field types too
(integers that arrived as floats, lists that are really sets), so that a plan never flaps.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Annotated, Any, ClassVar, Literal, TypeVar, get_args, get_origin

from pulumi.dynamic import CheckFailure
from pulumi.output import Unknown
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    model_validator,
)

from pulumi_tcmpp import rules
from pulumi_tcmpp.rules import CrossRule, Rule, rules_in

__all__ = [
    "CONNECTION_INPUT",
    "GET_MARKER",
    "PLATFORM_OUTPUT",
    "POLICY_INPUTS",
    "AccountText",
    "ApiName",
    "ApplicationIntro",
    "ApplicationRemark",
    "ApplyReason",
    "Category",
    "DomainOrigin",
    "GlobalDomainName",
    "ImageUrl",
    "MiniProgramDescription",
    "MiniProgramIntro",
    "Name",
    "NonEmpty",
    "PackageName",
    "PackageUrl",
    "Password",
    "ResourceArgs",
    "SocketOrigin",
    "SortedSet",
    "VersionIntro",
    "VersionNumber",
    "failures_of",
    "is_unknown",
    "secret_inputs",
    "validate_inputs",
]

ArgsT = TypeVar("ArgsT", bound="ResourceArgs")
PROVIDER_KEY = "__provider"
POLICY_INPUTS = ("adopt", "on_exists")
"""Inputs that steer create only: never compared by diff, never sent to the API."""
CONNECTION_INPUT = "connection"
"""Where the settings come from (names only): never compared as a plain input, never sent."""
PLATFORM_OUTPUT = "platform"
"""The platform an object was made on (platform id, back end, endpoint), recorded in state."""
GET_MARKER = "__tcmpp_get"
"""A prop only ``get`` sends: its read must fail when the object is gone."""
_CROSS_CHECKED = "cross_rules_checked"
"""Validation context flag: ``validate_inputs`` has run the cross-field rules already."""


def _connection_names(value: dict[str, str]) -> dict[str, str]:
    from pulumi_tcmpp.connection import Connection
    from pulumi_tcmpp.errors import ConfigurationError

    try:
        return Connection.from_input(value).to_input()
    except ConfigurationError as exc:
        raise ValueError(str(exc).removeprefix("connection: ")) from None


class ResourceArgs(BaseModel):
    """Base of every resource's inputs: strict about unknown keys, frozen once checked.

    ``cross_rules`` are rules on several inputs (:class:`pulumi_tcmpp.rules.CrossRule`); they
    run when the model is validated, and in ``check`` as soon as their own inputs are known.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    cross_rules: ClassVar[tuple[CrossRule, ...]] = ()

    adopt: bool = Field(
        False,
        description=(
            "On create, take over an existing object with the same natural key instead of "
            "failing, and update it to these inputs (same as on_exists='adopt')."
        ),
    )
    on_exists: Literal["fail", "adopt", "skip"] | None = Field(
        None,
        description=(
            "What create does when an object with the same natural key already exists: fail "
            "(the default), adopt it (update it to these inputs and manage it), or skip it "
            "(use it as it is, never modify or delete it)."
        ),
    )

    connection: Annotated[dict[str, str], AfterValidator(_connection_names)] | None = Field(
        None,
        description=(
            "Where the settings come from (a Connection: a config namespace, an environment "
            "prefix, a tccli profile, a platform id, endpoint or back end); the stack's tcmpp:* "
            "settings when unset. Names only: no credential is ever stored. Reaching another "
            "platform forces a replace."
        ),
    )

    @model_validator(mode="after")
    def _cross_field_rules(self, info: ValidationInfo) -> ResourceArgs:
        if info.context and info.context.get(_CROSS_CHECKED):
            return self
        values = self.model_dump()
        for rule in self.cross_rules:
            problem = rule.problem(values)
            if problem:
                raise ValueError(problem)
        return self


def _sorted_unique(values: list[str]) -> list[str]:
    return sorted(set(values))


NonEmpty = Annotated[str, AfterValidator(rules.NOT_BLANK)]
SortedSet = Annotated[list[NonEmpty], AfterValidator(_sorted_unique)]
"""A list whose order and duplicates do not matter: stored sorted and unique."""
Name = Annotated[str, AfterValidator(rules.NAME)]
AccountText = Annotated[str, AfterValidator(rules.ACCOUNT)]
Password = Annotated[str, AfterValidator(rules.PASSWORD)]
ApplicationIntro = Annotated[str, AfterValidator(rules.APPLICATION_INTRO)]
ApplicationRemark = Annotated[str, AfterValidator(rules.APPLICATION_REMARK)]
PackageName = Annotated[str, AfterValidator(rules.PACKAGE_NAME)]
ImageUrl = Annotated[str, AfterValidator(rules.IMAGE_URL)]
PackageUrl = Annotated[str, AfterValidator(rules.PACKAGE_URL)]
MiniProgramIntro = Annotated[str, AfterValidator(rules.MINI_PROGRAM_INTRO)]
MiniProgramDescription = Annotated[str, AfterValidator(rules.MINI_PROGRAM_DESCRIPTION)]
Category = Annotated[str, AfterValidator(rules.CATEGORY)]
DomainOrigin = Annotated[str, AfterValidator(rules.DOMAIN_ORIGIN)]
SocketOrigin = Annotated[str, AfterValidator(rules.SOCKET_ORIGIN)]
GlobalDomainName = Annotated[str, AfterValidator(rules.GLOBAL_DOMAIN)]
ApiName = Annotated[str, AfterValidator(rules.API_NAME)]
VersionNumber = Annotated[str, AfterValidator(rules.VERSION_NUMBER)]
VersionIntro = Annotated[str, AfterValidator(rules.VERSION_INTRO)]
ApplyReason = Annotated[str, AfterValidator(rules.APPLY_REASON)]


def is_unknown(value: Any) -> bool:
    """True for a preview-time unknown, at any depth of lists and dicts."""
    if isinstance(value, Unknown):
        return True
    if isinstance(value, list):
        return any(is_unknown(item) for item in value)
    if isinstance(value, dict):
        return any(is_unknown(item) for item in value.values())
    return False


def field_rules(model: type[BaseModel], name: str) -> list[Rule]:
    """The rules one input is checked with."""
    info = model.model_fields[name]
    return rules_in(info.annotation, info.metadata)


@cache
def secret_inputs(model: type[BaseModel]) -> frozenset[str]:
    """Inputs whose values are secrets (their rules say so): never shown in a message."""
    return frozenset(
        name for name in model.model_fields if any(r.secret for r in field_rules(model, name))
    )


@cache
def _field_adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    info = model.model_fields[name]
    annotated: Any = (
        Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    )
    return TypeAdapter(annotated)


@cache
def _item_adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any] | None:
    """The adapter of one element of a list input (None if the input is no list)."""
    annotation: Any = model.model_fields[name].annotation
    while True:
        if get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
        elif get_origin(annotation) is list:
            return TypeAdapter(get_args(annotation)[0])
        else:
            options = [a for a in get_args(annotation) if a is not type(None)]
            if len(options) != 1:
                return None
            annotation = options[0]


def _describe(value: Any) -> str:
    text = repr(value)
    if len(text) > 60:
        text = f"{text[:50]}...' ({len(value) if hasattr(value, '__len__') else '?'} long)"
    return text


def _secret_text(value: Any) -> str:
    if isinstance(value, str):
        return f"a secret value ({len(value.encode('utf-8'))} bytes in UTF-8)"
    return "a secret value"


def _failure(
    name: str, message: str, value: Any, missing: bool = False, secret: bool = False
) -> CheckFailure:
    """A failure naming the field, the rule and the value (never a secret's value).

    A secret's failure names no property: the engine prints the value of a named property
    next to the reason, and a secret must not be printed.
    """
    if missing:
        got = "nothing"
    elif secret:
        got = _secret_text(value)
    else:
        got = _describe(value)
    return CheckFailure("" if secret else name, f"{name}: {message}; got {got}")


def _message(item: Any) -> str:
    text = str(item["msg"])
    return text.removeprefix("Value error, ")


def failures_of(
    error: ValidationError,
    raw: Mapping[str, Any],
    prefix: str = "",
    secrets: Iterable[str] = (),
    index_map: Mapping[int, int] | None = None,
) -> list[CheckFailure]:
    """Field-rule-value failures from a pydantic error (``prefix`` names a single field)."""
    hidden = set(secrets)
    failures = []
    for item in error.errors():
        loc = list(item["loc"])
        if index_map is not None and loc and isinstance(loc[0], int):
            loc[0] = index_map.get(loc[0], loc[0])
        parts = [prefix] if prefix else []
        parts += [str(part) for part in loc]
        path = ".".join(parts) or "(inputs)"
        top = parts[0] if parts else ""
        secret = top in hidden
        if item["type"] == "missing":
            failures.append(_failure(path, "is required", None, missing=True))
        elif item["type"] == "extra_forbidden":
            failures.append(_failure(path, "is not an input of this resource", raw.get(top)))
        else:
            failures.append(_failure(path, _message(item), item.get("input"), secret=secret))
    return failures


def _known_item_failures(
    model: type[BaseModel], name: str, value: Any, secrets: frozenset[str]
) -> list[CheckFailure]:
    """A partly unknown list: its known elements are checked one by one."""
    adapter = _item_adapter(model, name)
    if adapter is None or not isinstance(value, list):
        return []
    failures: list[CheckFailure] = []
    for index, item in enumerate(value):
        if is_unknown(item):
            continue
        try:
            adapter.validate_python(item)
        except ValidationError as exc:
            failures += failures_of(exc, {}, prefix=f"{name}.{index}", secrets=secrets)
    return failures


def _cross_failures(
    model: type[ResourceArgs], values: Mapping[str, Any], unknown: set[str]
) -> list[CheckFailure]:
    failures = []
    for rule in model.cross_rules:
        if any(name in unknown for name in rule.fields):
            continue  # it depends on a value the preview does not know yet
        problem = rule.problem({name: values.get(name) for name in rule.fields})
        if problem:
            failures.append(CheckFailure(rule.fields[0], f"{rule.fields[0]}: {problem}"))
    return failures


def validate_inputs(
    model: type[ArgsT], news: dict[str, Any], internal: Iterable[str] = ()
) -> tuple[dict[str, Any], list[CheckFailure]]:
    """Validate and normalise ``news``; returns (inputs for state, failures).

    Each known input is checked on its own, the known elements of a partly unknown list one
    by one, and each cross-field rule once its own inputs are known: an unknown input skips
    only the rules that depend on it. Unknown values are kept as they are; ``internal`` keys
    (like ``__provider``) are passed through without validation.
    """
    passthrough = {PROVIDER_KEY, *internal}
    raw = {k: v for k, v in news.items() if k not in passthrough and v is not None}
    unknown = {k for k, v in raw.items() if is_unknown(v)}
    secrets = secret_inputs(model)
    failures: list[CheckFailure] = []
    normalised: dict[str, Any] = {}
    for name, value in raw.items():
        if name not in model.model_fields:
            failures.append(_failure(name, "is not an input of this resource", value))
        elif name in unknown:
            normalised[name] = value
            failures += _known_item_failures(model, name, value, secrets)
        else:
            adapter = _field_adapter(model, name)
            try:
                normalised[name] = adapter.dump_python(adapter.validate_python(value), mode="json")
            except ValidationError as exc:
                failures += failures_of(exc, raw, prefix=name, secrets=secrets)
    for name, info in model.model_fields.items():
        if info.is_required() and name not in raw:
            failures.append(_failure(name, "is required", None, missing=True))
    if not failures:
        failures += _cross_failures(model, normalised, unknown)
    if not failures and not unknown:
        try:
            checked = model.model_validate(normalised, context={_CROSS_CHECKED: True})
        except ValidationError as exc:
            failures += failures_of(exc, raw, secrets=secrets)
        else:
            normalised = checked.model_dump(mode="json", exclude_none=True)
    extras = {k: v for k, v in news.items() if k in passthrough}
    return ({**normalised, **extras} if not failures else dict(news)), failures
