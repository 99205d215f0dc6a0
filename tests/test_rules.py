"""One rule set, for the resources and the cloning spec: a test per rule, through each place.

For every rule of :mod:`pulumi_tcmpp.rules`, good and bad example values are tried on the rule
itself, on every resource input that carries it (through the provider's ``check``, offline:
no credentials are configured in the test process) and on every spec field that carries it
(``parse_spec``). A bad value must be refused naming the field, the rule and the value (never
a secret's value); a good one accepted. docs/rules.md must show the generated tables.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from pulumi.dynamic import CheckFailure
from pulumi.output import Unknown

from pulumi_tcmpp import rules
from pulumi_tcmpp.clone.spec import SpecError, parse_spec
from pulumi_tcmpp.resources._provider import TcmppProvider
from pulumi_tcmpp.rules import ALL_RULES, CROSS_RULES, CrossRule, Rule

CATEGORY = "Logistics Services->1_Pickup/Delivery"
LONG_HOST = "https://" + "a." * 300 + "com"

EXAMPLES: dict[str, tuple[list[Any], list[Any]]] = {
    "not-blank": (["x", "U20240819192442VIVYPG"], ["", "   ", "\t"]),
    "name": (["Ops", "Ops Team", "x" * 64], ["", "   ", "x" * 65]),
    "account": (
        ["alice", "OpenApiUser0819170245", "ops.admin@example.com", "a-b_c", "x" * 64],
        ["", "not an account!", "al ice", "josé", "x" * 65],
    ),
    "password": (["pw", "x" * 117, "é" * 58], ["", "x" * 118, "é" * 59]),
    "application-intro": (["Shop", "x" * 500], ["", "  ", "x" * 501]),
    "application-remark": (["r", "x" * 1000], ["", " ", "x" * 1001]),
    "package-name": (
        ["com.example.shop", "com.test", "com.tencent.tcmpp.demo", "a.b_c-d"],
        ["", "shop", "com..example", ".com.example", "1com.example", "com example.app"],
    ),
    "image-url": (
        ["https://cdn.example.com/x.png", "http://127.0.0.1/T04257DS9431720WTAG/console/x.png"],
        [
            "ftp://cdn.example.com/x.png",
            "cdn.example.com/x.png",
            "https://cdn.example.com/a b.png",
            "https://cdn.example.com/" + "x" * 1001,
        ],
    ),
    "mini-program-intro": (["Pick up parcels", "x" * 500], ["", " ", "x" * 501]),
    "mini-program-description": (["Book a courier", "x" * 2000], ["", " ", "x" * 2001]),
    "category": ([CATEGORY, "Tools->40_Calculator"], ["Tools", "Tools->", "->40", "A->b,C->d"]),
    "domain-origin": (
        ["https://console.tencent.com", "http://api.example.com:8080", "https://127.0.0.1"],
        [
            "api.example.com",
            "wss://push.example.com",
            "https://api.example.com/v1",
            "https://api.example.com/?q=1",
            "https://api.example.com/",
            "https://a.example.com;b.example.com",
            "https://exa_mple..com",
            LONG_HOST,
        ],
    ),
    "socket-origin": (
        ["wss://push.example.com", "ws://push.example.com:9000"],
        ["https://push.example.com", "wss://push.example.com/socket", "push.example.com"],
    ),
    "global-domain": (
        [
            "openapi.autotest.domain.com",
            "123132.com",
            "https://cdn.example.com",
            "http://cdn.example.com:8080",
            "exa_mple.com",
        ],
        [
            "",
            "exa_mple..com",
            ".example.com",
            "cdn example.com",
            "a.example.com;b.example.com",
            "https://cdn.example.com/path",
            "ftp://cdn.example.com",
            "x" * 254,
        ],
    ),
    "api-name": (
        ["getPhoneNumber", "base64ToArrayBuffer", "_private", "x" * 128],
        ["", "get phone", "getPhone!", "get.phone", "1api", "x" * 129],
    ),
    "version-number": (
        ["1.0.0", "1.0", "1.0.3.4", "10.20.300"],
        ["1", "1.0.0.0.0", "v1.0", "1..0"],
    ),
    "version-intro": (["First release", "x" * 500], ["", " ", "x" * 501]),
    "package-url": (
        ["https://cdn.example.com/pickup-1.0.0.zip", "http://127.0.0.1/p.zip"],
        ["ftp://cdn.example.com/p.zip", "cdn.example.com/p.zip", "https://cdn/a b.zip"],
    ),
    "apply-reason": (["Couriers call the customer", "x" * 500], ["", " ", "x" * 501]),
    "unique-members": (
        [[{"user": "a", "role": 1}, {"user": "b", "role": 1}]],
        [[{"user": "a", "role": 1}, {"user": "a", "role": 2}]],
    ),
}

VALID_INPUTS: dict[str, dict[str, Any]] = {
    "User": {"account": "alice", "name": "Alice", "password": "Passw0rd!"},
    "Team": {"name": "Ops", "role": 2, "admin_user_id": "U1"},
    "TeamMember": {"team_id": "1000000001", "user_id": "U1", "role_id": 20071},
    "TeamMembers": {"team_id": "1000000001", "members": []},
    "Application": {
        "name": "Shop",
        "team_id": "1000000001",
        "type": 1,
        "logo": "https://cdn.example.com/shop.png",
        "intro": "Shop",
    },
    "SensitiveAPI": {"application_id": "app-1", "name": "getPhoneNumber", "description": "d"},
    "MiniProgram": {
        "name": "Pickup",
        "team_id": "1000000001",
        "categories": [CATEGORY],
        "icon": "https://cdn.example.com/pickup.png",
        "intro": "Pick up parcels",
        "description": "Book a courier",
    },
    "DomainACL": {"mini_program_id": "mp1"},
    "GlobalDomain": {"url": "cdn.example.com", "kind": 1},
    "MiniProgramVersion": {
        "mini_program_id": "mp1",
        "version": "1.0.0",
        "package_url": "https://cdn.example.com/p.zip",
        "intro": "First",
    },
    "MiniProgramRelease": {"mini_program_id": "mp1", "version": "1.0.0"},
    "SensitiveAPIPermission": {"mini_program_id": "mp1", "api_id": "api-1", "reason": "Why"},
}
ITEM_DEFAULTS = {"members": {"user": "alice", "role": "Application Developer"}}
COMPANIONS: dict[tuple[str, str], dict[str, Any]] = {
    ("Team", "admin_account"): {"admin_user_id": None},
    ("TeamMember", "role"): {"role_id": None},
    ("MiniProgramRelease", "preview_entrance_path"): {"preview_version": "1.0.1"},
}
"""What a cross-field rule wants beside an input, so that only the input's own rule speaks."""

VALID_SPEC: dict[str, Any] = {
    "users": {"alice": {"account": "alice", "name": "Alice"}},
    "teams": {
        "apps": {
            "name": "Apps",
            "role": "application",
            "admin": "alice",
            "members": [{"user": "alice", "role": "Application Developer"}],
        },
        "mnps": {"name": "Mini", "role": "mini_program", "admin": "alice", "related_team": "apps"},
    },
    "applications": {
        "shop": {
            "name": "Shop",
            "team": "apps",
            "type": "test",
            "logo": "https://cdn.example.com/shop.png",
            "intro": "Shop",
            "android_package_name": "com.example.shop",
            "ios_bundle_id": "com.example.shop",
            "remark": "Production",
            "sensitive_apis": {"getPhoneNumber": {"description": "Read the phone number"}},
        }
    },
    "mini_programs": {
        "pickup": {
            "name": "Pickup",
            "team": "mnps",
            "categories": [CATEGORY],
            "icon": "https://cdn.example.com/pickup.png",
            "intro": "Pick up parcels",
            "description": "Book a courier",
            "domains": {"request": ["https://api.example.com"], "socket": []},
        }
    },
    "global_domains": {"allow": ["cdn.example.com"], "block": []},
}


def provider_of(resource: str) -> TcmppProvider[Any]:
    for provider in rules.resource_providers():
        if provider.args_type.__name__ == f"{resource}Args":
            return provider()
    raise KeyError(resource)


def inject_input(resource: str, path: str, value: Any) -> tuple[dict[str, Any], str]:
    """Valid inputs with ``value`` at ``path``; returns them and the failure's field path."""
    news = copy.deepcopy(VALID_INPUTS[resource])
    for key, companion in COMPANIONS.get((resource, path), {}).items():
        if companion is None:
            news.pop(key, None)
        else:
            news[key] = companion
    name, _, rest = path.partition("[]")
    if not _ and not rest:
        news[name] = value
        return news, name
    if not rest:
        news[name] = [value]
        return news, f"{name}.0"
    field = rest.lstrip(".")
    news[name] = [{**ITEM_DEFAULTS[name], field: value}]
    return news, f"{name}.0.{field}"


def check(resource: str, news: dict[str, Any]) -> list[CheckFailure]:
    return provider_of(resource).check({}, news).failures


def inject_spec(path: str, value: Any) -> dict[str, Any]:
    """The valid spec with ``value`` at ``path`` (``*``: the section's first logical name)."""
    document = copy.deepcopy(VALID_SPEC)
    parts = path.split(".")
    node: Any = document
    for index, part in enumerate(parts[:-1]):
        if part == "*":
            part = next(iter(node))
        if part.endswith("[]"):
            items = node.setdefault(part[:-2], [{}])
            node = items[0] if items else items.append({}) or items[0]
            continue
        if parts[index + 1] == "<key>":
            node[part] = {value: next(iter(node[part].values()))}
            return document
        node = node[part]
    last = parts[-1]
    if last.endswith("[]"):
        node[last[:-2]] = [value]
    else:
        node[last] = value
    return document


def spec_problems(document: dict[str, Any]) -> list[str]:
    try:
        parse_spec(document)
    except SpecError as exc:
        return exc.problems
    return []


def by_key(rule: Rule) -> str:
    return rule.key


def test_every_rule_has_examples() -> None:
    assert set(EXAMPLES) == {rule.key for rule in ALL_RULES}
    assert len({rule.key for rule in ALL_RULES}) == len(ALL_RULES)


def test_every_resource_has_valid_inputs_here() -> None:
    resources = {p.args_type.__name__.removesuffix("Args") for p in rules.resource_providers()}
    assert resources == set(VALID_INPUTS)
    for resource, news in VALID_INPUTS.items():
        assert check(resource, news) == [], resource
    assert spec_problems(VALID_SPEC) == []


@pytest.mark.parametrize("rule", ALL_RULES, ids=by_key)
def test_the_rule_accepts_its_good_examples_and_refuses_its_bad_ones(rule: Rule) -> None:
    good, bad = EXAMPLES[rule.key]
    assert [v for v in good if not rule.test(v)] == []
    assert [v for v in bad if rule.test(v)] == []


@pytest.mark.parametrize("rule", ALL_RULES, ids=by_key)
def test_check_refuses_bad_values_naming_field_rule_and_value(rule: Rule) -> None:
    places = [(res, path) for res, path, r in rules.resource_inputs() if r == rule]
    assert places, f"no resource input is checked with {rule.key}"
    good, bad = EXAMPLES[rule.key]
    for resource, path in places:
        for value in bad:
            news, field = inject_input(resource, path, value)
            failures = check(resource, news)
            assert len(failures) == 1, (resource, path, value, failures)
            reason = failures[0].reason
            assert reason.startswith(f"{field}: {rule.must} (rule {rule.key})"), reason
            if rule.secret:
                assert failures[0].property == "" and "a secret value" in reason
                assert not value or repr(value) not in reason
            else:
                assert failures[0].property == field
                assert f"got {repr(value)[:50]}" in reason, reason
        for value in good:
            news, _ = inject_input(resource, path, value)
            assert check(resource, news) == [], (resource, path, value)


@pytest.mark.parametrize("rule", ALL_RULES, ids=by_key)
def test_the_spec_refuses_the_same_bad_values(rule: Rule) -> None:
    places = [path for path, r in rules.spec_fields() if r == rule]
    good, bad = EXAMPLES[rule.key]
    for path in places:
        for value in bad:
            if path.endswith("<key>") and not isinstance(value, str):
                continue
            problems = spec_problems(inject_spec(path, value))
            assert any(rule.must in p and repr(value)[:40] in p for p in problems), (
                path,
                value,
                problems,
            )
        for value in good:
            assert spec_problems(inject_spec(path, value)) == [], (path, value)


def test_each_spec_field_carries_the_rules_of_the_input_it_becomes() -> None:
    """The spec and the resources check one field with the same rule, wherever both exist."""
    pairs = {
        "users.*.account": ("User", "account"),
        "users.*.name": ("User", "name"),
        "teams.*.name": ("Team", "name"),
        "applications.*.name": ("Application", "name"),
        "applications.*.logo": ("Application", "logo"),
        "applications.*.intro": ("Application", "intro"),
        "applications.*.android_package_name": ("Application", "android_package_name"),
        "applications.*.ios_bundle_id": ("Application", "ios_bundle_id"),
        "applications.*.remark": ("Application", "remark"),
        "applications.*.sensitive_apis.<key>": ("SensitiveAPI", "name"),
        "applications.*.sensitive_apis.*.description": ("SensitiveAPI", "description"),
        "mini_programs.*.name": ("MiniProgram", "name"),
        "mini_programs.*.categories[]": ("MiniProgram", "categories[]"),
        "mini_programs.*.icon": ("MiniProgram", "icon"),
        "mini_programs.*.intro": ("MiniProgram", "intro"),
        "mini_programs.*.description": ("MiniProgram", "description"),
        "mini_programs.*.domains.request[]": ("DomainACL", "request_domains[]"),
        "mini_programs.*.domains.web_view[]": ("DomainACL", "web_view_domains[]"),
        "mini_programs.*.domains.socket[]": ("DomainACL", "socket_domains[]"),
        "mini_programs.*.domains.upload[]": ("DomainACL", "upload_domains[]"),
        "mini_programs.*.domains.download[]": ("DomainACL", "download_domains[]"),
        "global_domains.allow[]": ("GlobalDomain", "url"),
        "global_domains.block[]": ("GlobalDomain", "url"),
        "teams.*.members[].role": ("TeamMembers", "members[].role"),
    }
    spec: dict[str, set[str]] = {}
    for path, rule in rules.spec_fields():
        spec.setdefault(path, set()).add(rule.key)
    resource: dict[tuple[str, str], set[str]] = {}
    for res, path, rule in rules.resource_inputs():
        resource.setdefault((res, path), set()).add(rule.key)
    assert set(spec) == set(pairs)
    for path, place in pairs.items():
        assert spec[path] == resource[place], (path, place)


CROSS_EXAMPLES: dict[str, tuple[str, list[dict[str, Any]], list[dict[str, Any]]]] = {
    "preview-path-needs-version": (
        "MiniProgramRelease",
        [{"preview_version": "1.0.1", "preview_entrance_path": "pages/a"}, {}],
        [{"preview_entrance_path": "pages/index/index?from=qa"}],
    ),
    "one-admin": (
        "Team",
        [{"admin_user_id": "U1"}, {"admin_user_id": None, "admin_account": "ops-admin"}],
        [{"admin_user_id": None}, {"admin_user_id": "U1", "admin_account": "ops-admin"}],
    ),
    "one-role": (
        "TeamMember",
        [{"role_id": 20071}, {"role_id": None, "role": "Application Developer"}],
        [{"role_id": None}, {"role_id": 20071, "role": "Application Developer"}],
    ),
}


def test_every_cross_rule_has_examples() -> None:
    assert set(CROSS_EXAMPLES) == {rule.key for rule in CROSS_RULES}


@pytest.mark.parametrize("rule", CROSS_RULES, ids=lambda r: r.key)
def test_cross_rules_run_once_their_own_inputs_are_known(rule: CrossRule) -> None:
    resource, good, bad = CROSS_EXAMPLES[rule.key]
    for change in bad:
        news = {k: v for k, v in {**VALID_INPUTS[resource], **change}.items() if v is not None}
        failures = check(resource, news)
        assert [f.property for f in failures] == [rule.fields[0]], failures
        assert rule.must in failures[0].reason and "got " in failures[0].reason
        # an unknown input the rule does not depend on does not hide it...
        other = next(k for k in VALID_INPUTS[resource] if k not in rule.fields)
        assert len(check(resource, {**news, other: Unknown()})) == 1
        # ...while an unknown input it depends on skips it (the value is not known yet)
        unknown = {**news, rule.fields[0]: Unknown()}
        assert check(resource, unknown) == [], (resource, unknown)
    for change in good:
        news = {k: v for k, v in {**VALID_INPUTS[resource], **change}.items() if v is not None}
        assert check(resource, news) == [], (resource, news)


def test_docs_show_the_generated_rules_table() -> None:
    page = (Path(__file__).parents[1] / "docs" / "rules.md").read_text(encoding="utf-8")
    begin, end = "<!-- rules:begin (generated) -->\n", "<!-- rules:end -->"
    shown = page.split(begin, 1)[1].split(end, 1)[0]
    assert shown == rules.rules_table(), (
        "docs/rules.md is out of date: regenerate its table with "
        "`python -c 'from pulumi_tcmpp.rules import rules_table; print(rules_table())'`"
    )
