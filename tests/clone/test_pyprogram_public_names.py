"""The program ``export --format python`` writes uses only the public API of pulumi_tcmpp."""

from __future__ import annotations

import ast

from pulumi_tcmpp.clone.pyprogram import render_program
from pulumi_tcmpp.clone.spec import parse_spec

SPEC = {
    "version": 1,
    "users": {
        "alice": {"account": "alice", "name": "Alice", "password": {"secret": "alice-password"}},
        "bob": {"account": "bob", "name": "Bob"},
    },
    "teams": {
        "apps": {
            "name": "Apps",
            "role": "application",
            "admin": "alice",
            "members": [{"user": "bob", "role": "Application Developer"}],
        }
    },
}


def _calls(tree: ast.Module) -> dict[str, list[ast.Call]]:
    calls: dict[str, list[ast.Call]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            calls.setdefault(ast.unparse(node.func), []).append(node)
    return calls


def test_the_program_imports_only_public_names() -> None:
    source = render_program(parse_spec(SPEC))["__main__.py"]
    tree = ast.parse(source)
    imports = [ast.unparse(n) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert imports == ["import pulumi", "import pulumi_tcmpp as tcmpp"]
    assert "pulumi_tcmpp.resources" not in source
    (members,) = _calls(tree)["tcmpp.TeamMembers"]
    assert ast.literal_eval(members.args[0]) == "apps-members"


def test_a_user_gets_its_password_from_one_argument_only() -> None:
    tree = ast.parse(render_program(parse_spec(SPEC))["__main__.py"])
    users = {ast.literal_eval(call.args[0]): call for call in _calls(tree)["tcmpp.User"]}
    keywords = {n: {k.arg: ast.unparse(k.value) for k in c.keywords} for n, c in users.items()}
    assert keywords["alice"]["password"] == "config.require_secret('alice-password')"
    assert keywords["bob"]["password"] == "None"
    assert all("password_secret" not in given for given in keywords.values())
