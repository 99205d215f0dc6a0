"""Requests checked against the API description, per back end, as the gateway would.

Three kinds of problem, in the order the emulator reports them: a required parameter is
missing (``MissingParameter``), a parameter the back end does not know was sent
(``UnknownParameter``; this includes the other back end's fields and snake_case spellings),
or a value has the wrong type (``InvalidParameter``). JSON bodies are checked in pydantic's
strict mode; GET query strings carry only strings, so they are coerced (lax mode) after
being unflattened from the SDK's ``Name.0.Field`` form.
"""

from __future__ import annotations

from functools import cache
from typing import Any, get_args, get_origin
from urllib.parse import parse_qsl

from pydantic import BaseModel, ValidationError

from pulumi_tcmpp.api._base import BackendName, Request, _wire_name, backend_of_field
from pulumi_tcmpp.emulator._fault import ApiFault

__all__ = ["parse_query", "validate"]

_TYPE_NAMES = {
    "string_type": "String",
    "int_type": "Integer",
    "int_parsing": "Integer",
    "int_from_float": "Integer",
    "bool_type": "Boolean",
    "bool_parsing": "Boolean",
    "list_type": "Array",
    "model_type": "Object",
    "dict_type": "Object",
    "model_attributes_type": "Object",
}


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside ``X``, ``X | None`` or ``list[X]`` annotations, if any."""
    for arg in (annotation, *get_args(annotation)):
        if get_origin(arg) is list:
            return _nested_model(get_args(arg)[0])
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


@cache
def _wire_schema(model: type[BaseModel], backend: BackendName) -> dict[str, Any]:
    """Wire name -> nested model (or None) for the fields this back end accepts."""
    return {
        _wire_name(name, info): _nested_model(info.annotation)
        for name, info in model.model_fields.items()
        if backend in backend_of_field(info)
    }


def _unknown(model: type[BaseModel], value: Any, backend: BackendName, path: str) -> str | None:
    """The first parameter path the back end does not know, walking nested objects."""
    if not isinstance(value, dict):
        return None
    schema = _wire_schema(model, backend)
    for key, item in value.items():
        where = f"{path}{key}"
        if key not in schema:
            return where
        nested = schema[key]
        if nested is None:
            continue
        items = item if isinstance(item, list) else [item]
        for index, element in enumerate(items):
            sub = f"{where}.{index}." if isinstance(item, list) else f"{where}."
            found = _unknown(nested, element, backend, sub)
            if found:
                return found
    return None


def _loc(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc)


def validate(
    cls: type[Request[Any]], body: dict[str, Any], backend: BackendName, *, strict: bool = True
) -> Request[Any]:
    """The request model, or :class:`ApiFault` naming the first problem."""
    missing = sorted(cls.required_wire_fields(backend) - set(body))
    if missing:
        raise ApiFault(
            "MissingParameter", f"The request is missing a required parameter `{missing[0]}`."
        )
    unknown = _unknown(cls, body, backend, "")
    if unknown:
        raise ApiFault("UnknownParameter", f"The parameter `{unknown}` is not recognized.")
    try:
        return cls.model_validate(body, strict=strict)
    except ValidationError as exc:
        raise _fault_of(exc) from None


def _fault_of(exc: ValidationError) -> ApiFault:
    errors = exc.errors()
    for kind in ("missing", "extra_forbidden"):
        for error in errors:
            if error["type"] == kind:
                where = _loc(error["loc"])
                if kind == "missing":
                    return ApiFault(
                        "MissingParameter",
                        f"The request is missing a required parameter `{where}`.",
                    )
                return ApiFault("UnknownParameter", f"The parameter `{where}` is not recognized.")
    error = errors[0]
    expected = _TYPE_NAMES.get(error["type"], "a valid value")
    return ApiFault(
        "InvalidParameter",
        f"The value of parameter `{_loc(error['loc'])}` is not valid: expected {expected}.",
    )


def parse_query(query: str) -> dict[str, Any]:
    """A GET query string unflattened the way the SDK flattened it (``A.0.B=v``)."""
    root: dict[str, Any] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        parts = key.split(".")
        node = root
        for part in parts[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                raise ApiFault("InvalidParameter", f"The parameter `{key}` is malformed.")
            node = child
        node[parts[-1]] = value
    result = _listify(root)
    assert isinstance(result, dict)
    return result


def _listify(node: Any) -> Any:
    """Turn the dicts whose keys are all indexes back into lists."""
    if not isinstance(node, dict):
        return node
    items = {k: _listify(v) for k, v in node.items()}
    if items and all(k.isdigit() for k in items):
        return [items[k] for k in sorted(items, key=int)]
    return items
