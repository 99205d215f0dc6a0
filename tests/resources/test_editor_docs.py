"""What editors show: every constructor argument documented where hover reads it, in step
with the input models; enum arguments typed with the enum's ``Literal`` forms."""

from __future__ import annotations

import inspect
import re
from enum import IntEnum
from typing import Any, get_args

import pytest

from pulumi_tcmpp.resources import enums
from pulumi_tcmpp.resources._resource import TcmppResource
from tests.resources.test_refresh_no_drift import KINDS

PARAM = re.compile(r"^\s*:param (\w+): (.*?)(?=^\s*:param |\Z)", re.MULTILINE | re.DOTALL)
ALWAYS = {
    "resource_name": "The name of the resource in this stack (unique per type).",
    "opts": "Options for the resource (``depends_on``, ``protect``, ``parent``...).",
}


def documented(function: Any) -> dict[str, str]:
    """``:param name: text`` entries of a docstring (the form Pylance and pyright show)."""
    doc = inspect.getdoc(function) or ""
    return {name: " ".join(text.split()) for name, text in PARAM.findall(doc)}


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.__name__)
def test_every_constructor_argument_is_documented_as_its_input_is(
    kind: type[TcmppResource],
) -> None:
    params = [p for p in inspect.signature(kind.__init__).parameters if p != "self"]
    docs = documented(kind.__init__)
    assert list(docs) == params, "document every argument, in the signature's order"
    fields = kind._provider_type.args_type.model_fields
    for name in params:
        expected = ALWAYS.get(name) or " ".join(str(fields[name].description).split())
        assert docs[name] == expected, name


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.__name__)
def test_get_is_documented_too(kind: type[TcmppResource]) -> None:
    params = [p for p in inspect.signature(kind.get).parameters if p != "cls"]
    assert list(documented(kind.get)) == params


@pytest.mark.parametrize(
    ("enum", "value_type"),
    [
        (enums.TeamRole, enums.TeamRoleValue),
        (enums.AccountType, enums.AccountTypeValue),
        (enums.ApplicationType, enums.ApplicationTypeValue),
        (enums.GlobalDomainKind, enums.GlobalDomainKindValue),
        (enums.ApiType, enums.ApiTypeValue),
    ],
)
def test_the_literal_forms_are_the_enum_s_numbers_and_names(
    enum: type[IntEnum], value_type: Any
) -> None:
    members, literal = get_args(value_type)
    assert members is enum
    assert set(get_args(literal)) == {m.value for m in enum} | {m.name.lower() for m in enum}
