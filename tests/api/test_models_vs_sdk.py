"""The API description against the vendor SDK: every action, every field, both back ends."""

from __future__ import annotations

import types
import typing
from typing import Any

import pytest
from pydantic import BaseModel

from pulumi_tcmpp.api._base import BACKENDS, BackendName, Request, backend_of_field
from pulumi_tcmpp.api.actions import ACTIONS, actions_of
from tests.api.sdk_oracle import normalise_sdk_type, sdk_fields, sdk_models

# Data types whose tcsas counterpart has another class name (tcsas-differences.md).
TCSAS_TYPE_NAMES = {
    "ApplicationDetail": "DescribeApplicationResp",
    "ApplicationPageInfo": "DescribeApplicationListResp",
    "ApplicationInfo": "DescribeApplicationListData",
}
# Where the tcmpp SDK types Data as BooleanInfo and the union model adds the tcsas field.
TCMPP_TYPE_NAMES = {"CreateMNPApprovalResp": "BooleanInfo"}

CASES = [(name, backend) for backend in BACKENDS for name in actions_of(backend)]


def _our_type(annotation: Any) -> str:
    """Our annotation written the way normalise_sdk_type writes the SDK's."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return _our_type(args[0])
    if typing.get_origin(annotation) is list:
        return f"list[{_our_type(args[0])}]"
    return annotation.__name__


def _type_name(model: type[BaseModel], backend: BackendName) -> str:
    name = model.__name__
    if backend == "tcsas":
        return TCSAS_TYPE_NAMES.get(name, name)
    return TCMPP_TYPE_NAMES.get(name, name)


def _wire_fields(model: type[BaseModel], backend: BackendName) -> dict[str, Any]:
    out = {}
    for name, info in model.model_fields.items():
        if backend not in backend_of_field(info):
            continue
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        wire = info.alias or name
        if backend == "tcsas":
            wire = str(extra.get("tcsas_alias", wire))
        out[wire] = info.annotation
    return out


def _compare(model: type[BaseModel], sdk_cls: type[Any], backend: BackendName) -> list[str]:
    problems = []
    ours = _wire_fields(model, backend)
    theirs = sdk_fields(sdk_cls)
    if set(ours) != set(theirs):
        problems.append(
            f"{model.__name__}/{backend}: only ours {sorted(set(ours) - set(theirs))}, "
            f"only SDK {sorted(set(theirs) - set(ours))}"
        )
    for wire in set(ours) & set(theirs):
        mine = _our_type(ours[wire])
        sdk = normalise_sdk_type(theirs[wire])
        mine_named = mine
        for ours_name, sdk_name in {**TCSAS_TYPE_NAMES, **TCMPP_TYPE_NAMES}.items():
            if sdk_name in sdk and ours_name in mine:
                mine_named = mine.replace(ours_name, sdk_name)
        if mine_named != sdk:
            problems.append(f"{model.__name__}.{wire}/{backend}: ours {mine}, SDK {sdk}")
    return problems


def _nested_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found = []
    for arg in typing.get_args(annotation):
        found.extend(_nested_models(arg))
    return found


def _walk(model: type[BaseModel], backend: BackendName, seen: set[str]) -> list[str]:
    problems: list[str] = []
    name = _type_name(model, backend)
    if name in seen:
        return problems
    seen.add(name)
    sdk_cls = getattr(sdk_models(backend), name, None)
    if sdk_cls is None:
        return [f"{name} is not an SDK class on {backend}"]
    problems += _compare(model, sdk_cls, backend)
    for annotation in _wire_fields(model, backend).values():
        for nested in _nested_models(annotation):
            problems += _walk(nested, backend, seen)
    return problems


@pytest.mark.parametrize(("action", "backend"), CASES, ids=[f"{a}-{b}" for a, b in CASES])
def test_request_fields_match_the_sdk(action: str, backend: BackendName) -> None:
    request_cls = ACTIONS[action]
    sdk_request = getattr(sdk_models(backend), f"{action}Request")
    problems = _compare(request_cls, sdk_request, backend)
    for annotation in _wire_fields(request_cls, backend).values():
        for nested in _nested_models(annotation):
            problems += _walk(nested, backend, {f"{action}Request"})
    assert problems == []


@pytest.mark.parametrize(("action", "backend"), CASES, ids=[f"{a}-{b}" for a, b in CASES])
def test_response_data_matches_the_sdk(action: str, backend: BackendName) -> None:
    request_cls = ACTIONS[action]
    sdk_response = getattr(sdk_models(backend), f"{action}Response")
    sdk_data = sdk_fields(sdk_response).get("Data")
    if request_cls.data_type in (None, type(None)):
        assert sdk_data is None
        return
    assert sdk_data is not None
    problems = []
    data_models = _nested_models(request_cls.data_type)
    assert len(data_models) == 1
    expected = normalise_sdk_type(sdk_data)
    ours = _our_type(request_cls.data_type).replace(
        data_models[0].__name__, _type_name(data_models[0], backend)
    )
    if ours != expected:
        problems.append(f"Data: ours {ours}, SDK {expected}")
    problems += _walk(data_models[0], backend, set())
    assert problems == []


def test_every_sdk_action_we_describe_exists_on_the_backends_we_claim() -> None:
    for backend in BACKENDS:
        module = sdk_models(backend)
        for name, cls in ACTIONS.items():
            has = hasattr(module, f"{name}Request")
            assert has == (backend in cls.backends), f"{name} on {backend}"


def test_the_catalogue_has_the_documented_actions_and_the_extras() -> None:
    documented = [name for name, cls in ACTIONS.items() if cls.documented]
    assert len(documented) == 58  # 57 documented actions + CreatePresetKey
    assert len(ACTIONS) == 66
    assert set(ACTIONS) - set(documented) == {
        "DescribeSimpleTeamList",
        "DescribeTeamMembers",
        "DescribeUserDetail",
        "ModifyUserPassword",
        "ModifyApplicationAppKey",
        "ModifyApplicationAppUrl",
        "CheckGlobalDomain",
        "DescribeTempSecret4UploadFile2Cos",
    }


def test_request_classes_are_requests() -> None:
    assert all(issubclass(cls, Request) for cls in ACTIONS.values())
