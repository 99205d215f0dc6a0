"""The resource and configuration docs list every input, output and setting there is."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest

from pulumi_tcmpp.client import SETTING_SOURCES
from pulumi_tcmpp.resources._provider import TcmppProvider
from pulumi_tcmpp.resources._runtime import PROVIDER_CONFIG_KEYS
from tests.resources.test_provider import PROVIDERS
from tests.resources.test_refresh_no_drift import KINDS

DOCS = Path(__file__).parents[2] / "docs"
DOC_OF = {
    "TeamProvider": "team",
    "TeamMemberProvider": "team_member",
    "TeamMembersProvider": "team_members",
    "UserProvider": "user",
    "ApplicationProvider": "application",
    "MiniProgramProvider": "mini_program",
    "DomainACLProvider": "domain_acl",
    "GlobalDomainProvider": "global_domain",
    "SensitiveAPIProvider": "sensitive_api",
}


def doc(provider: type[TcmppProvider[Any]]) -> str:
    return (DOCS / "resources" / f"{DOC_OF[provider.__name__]}.md").read_text(encoding="utf-8")


def section(text: str, title: str) -> str:
    match = re.search(rf"^## {title}\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    assert match, f"no section '## {title}'"
    return match.group(1)


@pytest.mark.parametrize("provider", PROVIDERS, ids=lambda p: p.__name__)
def test_the_inputs_table_lists_every_input(provider: type[TcmppProvider[Any]]) -> None:
    table = section(doc(provider), "Inputs")
    rows = re.findall(r"^\| `(\w+)` \|", table, re.MULTILINE)
    assert sorted(rows) == sorted(provider.args_type.model_fields)


@pytest.mark.parametrize("provider", PROVIDERS, ids=lambda p: p.__name__)
def test_the_outputs_section_names_every_computed_output(
    provider: type[TcmppProvider[Any]],
) -> None:
    outputs = section(doc(provider), "Outputs")
    for name in (*provider.computed, "managed"):
        assert f"`{name}`" in outputs, name


@pytest.mark.parametrize("provider", PROVIDERS, ids=lambda p: p.__name__)
def test_each_page_has_its_sections_and_examples_that_parse(
    provider: type[TcmppProvider[Any]],
) -> None:
    text = doc(provider)
    for title in ("Example Usage", "Inputs", "Outputs", "Replacement", "API actions"):
        section(text, title)
    assert re.search(r"^## Import", text, re.MULTILINE)
    for name in provider.replace_on:
        assert re.search(rf"\| `{name}` \|[^\n]*Forces a replace", text), name
    for block in re.findall(r"```python\n(.*?)```", text, re.DOTALL):
        ast.parse(block)


def test_the_index_links_every_resource_page() -> None:
    index = (DOCS / "resources" / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\((\w+\.md)\)", index))
    pages = {p.name for p in (DOCS / "resources").glob("*.md") if p.name != "README.md"}
    assert pages <= linked


def test_the_configuration_page_lists_every_setting() -> None:
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    for source in SETTING_SOURCES.values():
        assert re.search(rf"\| `{source.config_key}` \| `{source.env}` \|", text), source
    for key in PROVIDER_CONFIG_KEYS:
        assert f"| `{key}` |" in text, key


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.__name__)
def test_every_page_documents_get_and_the_connection(kind: type[Any]) -> None:
    name = kind.__name__.replace("ACL", "Acl").replace("API", "Api")
    page = re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
    text = (DOCS / "resources" / f"{page}.md").read_text(encoding="utf-8")
    get = section(text, "Get")
    assert f"tcmpp.{kind.__name__}.get(" in get
    for block in re.findall(r"```python\n(.*?)```", get, re.DOTALL):
        ast.parse(block)
    assert re.search(r"^\| `connection` \|", section(text, "Inputs"), re.MULTILINE)
    assert "`platform`" in section(text, "Outputs")
