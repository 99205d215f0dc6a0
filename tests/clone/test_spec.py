"""Spec validation: every problem listed by path, before anything is applied."""

from __future__ import annotations

from pathlib import Path

import pytest

from pulumi_tcmpp.clone.spec import SpecError, load_spec, parse_spec

VALID = """
version: 1
users:
  lead: {account: lead@example.com, name: Lead, password: {secret: lead-password}}
teams:
  shop: {name: Shop, role: application, admin: lead}
applications:
  app:
    {name: App, team: shop, type: test, intro: Hi,
     logo: {config: logoHost, format: "https://{}/a.png"}}
"""


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    return caught.value.problems


def test_a_valid_spec_loads(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text(VALID, encoding="utf-8")
    spec = load_spec(path)
    assert spec.applications["app"].logo.config == "logoHost"  # type: ignore[union-attr]


def test_placeholders_of_the_wrong_type_are_refused(tmp_path: Path) -> None:
    text = VALID.replace("password: {secret: lead-password}", "password: {config: leadPassword}")
    text = text.replace("intro: Hi", "intro: {secret: app-intro}")
    problems = _problems(tmp_path, text)
    assert any(p.startswith("users.lead.password") for p in problems)
    assert any(p.startswith("applications.app.intro") for p in problems)


def test_a_format_reference_needs_exactly_one_slot(tmp_path: Path) -> None:
    problems = _problems(tmp_path, VALID.replace('"https://{}/a.png"', '"https://cdn/a.png"'))
    assert any("applications.app.logo" in p and "exactly one '{}'" in p for p in problems)


def test_duplicate_yaml_keys_are_refused_not_silently_merged(tmp_path: Path) -> None:
    text = VALID.replace(
        "teams:\n", "teams:\n  shop: {name: Other, role: application, admin: lead}\n"
    )
    problems = _problems(tmp_path, text)
    assert any("duplicate key 'shop'" in p for p in problems)


def test_every_cross_object_problem_is_listed(tmp_path: Path) -> None:
    text = (
        VALID
        + """
  app2: {name: App, team: nowhere, type: test, logo: "https://x/y.png", intro: Hi, colour: red}
mini_programs:
  mnp: {name: M, team: shop, categories: ["A->B"], icon: "https://x/i", intro: i, description: d}
"""
    )
    text = text.replace(
        "shop: {name: Shop, role: application, admin: lead}",
        "shop: {name: Shop, role: application, admin: ghost, related_team: loop}\n"
        "  loop: {name: Loop, role: application, admin: lead, related_team: shop}",
    )
    problems = _problems(tmp_path, text)
    expected = [
        "applications.app2.colour: unknown key",
        "teams.shop.admin: no user named 'ghost'",
        "a cycle (",
        "mini_programs.mnp.team: team 'shop' is an application team; mini programs belong",
    ]
    for fragment in expected:
        assert any(fragment in p for p in problems), (fragment, problems)


def test_a_document_that_is_not_a_mapping_is_refused() -> None:
    with pytest.raises(SpecError, match="must be a mapping"):
        parse_spec(["users"])
