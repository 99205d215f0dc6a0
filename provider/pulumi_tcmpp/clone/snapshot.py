"""A live platform as read, in the API's own rows: what discovery produces and export consumes.

Keeping the raw rows (ids and all) separates *reading* a platform from *naming* its objects:
discovery knows nothing of logical names or specs, and export can be tested on a hand-made
snapshot without any server.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from pulumi_tcmpp.api.types import (
    ApplicationInfo,
    DescribeApplicationSensitiveAPIListData,
    DescribeDomainInfoParam,
    DescribeGlobalDomainsListData,
    DescribeMNPListData,
    DescribeMNPManagerDetailData,
    DescribeTeamListInfoResp,
    DescribeTeamMemberInfoResp,
    DescribeUserListData,
)

__all__ = ["Snapshot"]


@dataclass
class Snapshot:
    """Every object of one platform, as the list and detail actions returned them."""

    platform_id: str
    backend: str
    users: list[DescribeUserListData] = field(default_factory=list)
    teams: list[DescribeTeamListInfoResp] = field(default_factory=list)
    members: list[DescribeTeamMemberInfoResp] = field(default_factory=list)
    applications: list[ApplicationInfo] = field(default_factory=list)
    sensitive_apis: dict[str, list[DescribeApplicationSensitiveAPIListData]] = field(
        default_factory=dict
    )
    """By ApplicationId."""
    mini_programs: list[DescribeMNPListData] = field(default_factory=list)
    mini_program_details: dict[str, DescribeMNPManagerDetailData] = field(default_factory=dict)
    """By MNPId: the fields the list lacks (description, and the team id on tcmpp)."""
    domain_acls: dict[str, list[DescribeDomainInfoParam]] = field(default_factory=dict)
    """By MNPId."""
    global_domains: list[DescribeGlobalDomainsListData] = field(default_factory=list)
    calls: Counter[str] = field(default_factory=Counter)
    """API requests made to read it, per action (retries not counted)."""

    @property
    def object_count(self) -> int:
        """Users, teams, memberships, applications, APIs, mini programs, ACLs, domains."""
        return (
            len(self.users)
            + len(self.teams)
            + len(self.members)
            + len(self.applications)
            + sum(len(rows) for rows in self.sensitive_apis.values())
            + len(self.mini_programs)
            + sum(1 for rows in self.domain_acls.values() if rows)
            + len(self.global_domains)
        )
