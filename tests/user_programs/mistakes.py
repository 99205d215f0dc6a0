"""Deliberate mistakes: both type checkers must report each line marked "expect-error"."""

import pulumi

import pulumi_tcmpp as tcmpp
from pulumi_tcmpp.clone.platform import Platform

tcmpp.Team("a", name="A", role="applicaton", admin_user_id="u")  # expect-error
tcmpp.Team("b", name="B", role=3, admin_user_id="u")  # expect-error
tcmpp.Team("c", name="C", role=1, admin_user_id="u", on_exists="replace")  # expect-error
tcmpp.Team("d", nmae="D", role="application", admin_user_id="u")  # expect-error
tcmpp.User("e", account="e", name="E", password=None, account_type="admin")  # expect-error
tcmpp.Application("f", name="F", team_id="t", type="prod", logo="l", intro="i")  # expect-error
tcmpp.GlobalDomain("g", url="g.example.com", kind="deny")  # expect-error
tcmpp.SensitiveAPI("h", application_id="a", name="n", description="d", type="x")  # expect-error
tcmpp.TeamMembers("i", team_id="t", members=[{"usr": "x", "role": "Developer"}])  # expect-error
tcmpp.TeamMembers("j", team_id="t", members=[{"user": "x"}])  # expect-error
tcmpp.TeamMembers("k", team_id="t", members=[{"user": "x", "role": 1.5}])  # expect-error
tcmpp.Connection(backend="aws")  # expect-error
tcmpp.GlobalDomain("l", url="l.example.com", kind=1, connection={"config": "x"})  # expect-error
tcmpp.Team.get("m")  # expect-error
found = tcmpp.Team.get("n", "T-1")
wrong: pulumi.Output[int] = found.team_id  # expect-error
Platform("o", spec="spec.yaml", exists="replace")  # expect-error
tcmpp.roles(connection="staging")  # expect-error
