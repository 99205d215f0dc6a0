"""Resource inputs: one pydantic model per resource, validated offline, unknown-tolerant.

``check`` runs in ``pulumi preview`` too, where inputs that depend on resources not yet
created are *unknown*. Each known field is validated on its own (so an unknown neighbour does
not hide its errors), unknown fields are passed through untouched, and the whole model is
validated only when everything is known. Normalisation lives in the field types themselves
(integers that arrived as floats, lists that are really sets), so that a plan never flaps.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Annotated, Any, Literal, TypeVar

from pulumi.dynamic import CheckFailure
from pulumi.output import Unknown
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

__all__ = [
    "POLICY_INPUTS",
    "HttpUrl",
    "NonEmpty",
    "ResourceArgs",
    "SortedSet",
    "failures_of",
    "is_unknown",
    "validate_inputs",
]

ArgsT = TypeVar("ArgsT", bound="ResourceArgs")
PROVIDER_KEY = "__provider"
POLICY_INPUTS = ("adopt", "on_exists")
"""Inputs that steer create only: never compared by diff, never sent to the API."""


class ResourceArgs(BaseModel):
    """Base of every resource's inputs: strict about unknown keys, frozen once checked."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

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


def _sorted_unique(values: list[str]) -> list[str]:
    return sorted(set(values))


def _http_url(value: str) -> str:
    if not value.startswith(("http://", "https://")) or len(value) < 9 or " " in value:
        raise ValueError("must be an http(s) URL")
    return value


NonEmpty = Annotated[str, Field(min_length=1)]
SortedSet = Annotated[list[NonEmpty], AfterValidator(_sorted_unique)]
"""A list whose order and duplicates do not matter: stored sorted and unique."""
HttpUrl = Annotated[str, AfterValidator(_http_url)]


def is_unknown(value: Any) -> bool:
    """True for a preview-time unknown, at any depth of lists and dicts."""
    if isinstance(value, Unknown):
        return True
    if isinstance(value, list):
        return any(is_unknown(item) for item in value)
    if isinstance(value, dict):
        return any(is_unknown(item) for item in value.values())
    return False


@cache
def _field_adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    info = model.model_fields[name]
    annotated: Any = (
        Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    )
    return TypeAdapter(annotated)


def _describe(value: Any) -> str:
    text = repr(value)
    if len(text) > 60:
        text = f"{text[:50]}...' ({len(value) if hasattr(value, '__len__') else '?'} long)"
    return text


def _failure(name: str, message: str, value: Any, missing: bool = False) -> CheckFailure:
    got = "nothing" if missing else _describe(value)
    return CheckFailure(name, f"{name}: {message}; got {got}")


def _message(item: Any) -> str:
    text = str(item["msg"])
    return text.removeprefix("Value error, ")


def failures_of(
    error: ValidationError, raw: dict[str, Any], prefix: str = ""
) -> list[CheckFailure]:
    """Field-rule-value failures from a pydantic error (``prefix`` names a single field)."""
    failures = []
    for item in error.errors():
        parts = [prefix] if prefix else []
        parts += [str(part) for part in item["loc"]]
        path = ".".join(parts) or "(inputs)"
        top = parts[0] if parts else ""
        if item["type"] == "missing":
            failures.append(_failure(path, "is required", None, missing=True))
        elif item["type"] == "extra_forbidden":
            failures.append(_failure(path, "is not an input of this resource", raw.get(top)))
        else:
            failures.append(_failure(path, _message(item), item.get("input")))
    return failures


def validate_inputs(
    model: type[ArgsT], news: dict[str, Any], internal: Iterable[str] = ()
) -> tuple[dict[str, Any], list[CheckFailure]]:
    """Validate and normalise ``news``; returns (inputs for state, failures).

    Unknown values are kept as they are; ``internal`` keys (like ``__provider``) are passed
    through without validation.
    """
    passthrough = {PROVIDER_KEY, *internal}
    raw = {k: v for k, v in news.items() if k not in passthrough and v is not None}
    unknown = {k for k, v in raw.items() if is_unknown(v)}
    failures: list[CheckFailure] = []
    normalised: dict[str, Any] = {}
    for name, value in raw.items():
        if name not in model.model_fields:
            failures.append(_failure(name, "is not an input of this resource", value))
        elif name in unknown:
            normalised[name] = value
        else:
            adapter = _field_adapter(model, name)
            try:
                normalised[name] = adapter.dump_python(adapter.validate_python(value), mode="json")
            except ValidationError as exc:
                failures += failures_of(exc, raw, prefix=name)
    for name, info in model.model_fields.items():
        if info.is_required() and name not in raw:
            failures.append(_failure(name, "is required", None, missing=True))
    if not failures and not unknown:
        try:
            checked = model.model_validate(normalised)
        except ValidationError as exc:
            failures += failures_of(exc, raw)
        else:
            normalised = checked.model_dump(mode="json", exclude_none=True)
    extras = {k: v for k, v in news.items() if k in passthrough}
    return ({**normalised, **extras} if not failures else dict(news)), failures
