"""What a platform holds from its first day, before anyone calls the API.

A real TCMPP platform is never empty: it has its super administrator, the preset team roles
and the system mini program categories. The names and IDs come from the vendor's doc
examples where they show them; the rest is invented in the same style and listed as an
assumption in ``docs/emulator.md``.
"""

from __future__ import annotations

from typing import Any

from pulumi_tcmpp.emulator._readings import Readings
from pulumi_tcmpp.emulator._store import Tx

__all__ = ["ACCOUNT_TYPE_4_USER", "CATEGORIES", "ROLES", "SUPER_ADMIN", "seed_platform"]

SUPER_ADMIN: dict[str, Any] = {
    "user_id": "U20240605160000SADMIN",
    "user_account": "admin",
    "user_name": "admin",
    "account_type": 1,
    "status": 1,
    "create_time": "1717574400",
    "create_user": "admin",
    "password_sha256": "",
}
"""The platform's super administrator (AccountType 1): readable, never modifiable."""

ACCOUNT_TYPE_4_USER: dict[str, Any] = {
    "user_id": "U20240801192820CVRUBH",
    "user_account": "jadentest009",
    "user_name": "jadentest009",
    "account_type": 4,
    "status": 1,
    "create_time": "1722511700",
    "create_user": "admin",
    "password_sha256": "",
}
"""The DescribeUserList example's AccountType 4 user (``account_type_4`` reading). The docs
never say what type 4 is; it is treated like any other user."""

# (RoleId, name, team type, CreateTime). 20068-20073 are the doc example's application roles.
ROLES: tuple[tuple[int, str, int, str], ...] = (
    (20063, "Mini Program Administrator", 1, "1717575101"),
    (20064, "Mini Program Member Manager", 1, "1717575164"),
    (20065, "Mini Program Senior Developer", 1, "1717575230"),
    (20066, "Mini Program Developer", 1, "1717575297"),
    (20067, "Mini Program Operator", 1, "1717575352"),
    (20068, "Application Administrator", 2, "1717575381"),
    (20069, "Application Member Manager", 2, "1717575444"),
    (20070, "Application Senior Developer", 2, "1717582563"),
    (20071, "Application Developer", 2, "1717582775"),
    (20072, "Application Operator", 2, "1717582954"),
    (20073, "Review Staff", 2, "1717583046"),
)
ADMIN_ROLE = {1: 20063, 2: 20068}
"""The role a team's administrator holds, by team type (1 mini program, 2 application)."""
SENIOR_ROLE = {1: 20065, 2: 20070}
"""The role a replaced administrator keeps."""

# (TypeId, TypeName, TypeValue). 10000 and 10001 are the doc example's (its `11>Loading`
# is a text-extraction slip for `11_Loading`); 10002-10004 extend the values the docs use.
CATEGORIES: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (
        10000,
        "Logistics Services",
        (
            "1_Pickup/Delivery",
            "2_Search",
            "10_Postal Service",
            "11_Loading and unloading",
            "12_Warehousing",
            "13_Express Locker",
            "14_Cargo Transportation",
        ),
    ),
    (
        10001,
        "Education Services",
        (
            "4_Driving School Training",
            "15_Academic Education (Training Institutions)",
            "16_Academic Education (Schools)",
            "18_Driving School Platform",
            "19_Education Platform",
            "20_Quality Education",
            "21_Infant and Toddler Education",
            "22_Educational Equipment",
            "23_Study Abroad",
            "24_Special Populations Education",
            "25_Online Video Courses",
            "307_Online Education",
        ),
    ),
    (10002, "Life Service", ("144_Lilliputian Services", "145_Housekeeping", "146_Laundry")),
    (
        10003,
        "Medical Service",
        ("26_Public Medical Institutions", "27_Private Medical Institutions", "28_Pharmacy"),
    ),
    (10004, "Tools", ("40_Calculator", "41_Weather", "42_Information Query")),
)
CATEGORY_TIME = 1719991302


def seed_platform(tx: Tx, platform_id: str, readings: Readings | None = None) -> bool:
    """Write a platform's day-one records unless already there; True when it wrote them."""
    meta = f"{platform_id}:meta"
    fresh = tx.get(meta, "seeded") is None
    if fresh:
        _seed_day_one(tx, platform_id)
    if readings is not None and readings.account_type_4:
        user = ACCOUNT_TYPE_4_USER
        if tx.get(f"{platform_id}:user", user["user_id"]) is None:
            tx.put(f"{platform_id}:user", user["user_id"], dict(user))
    return fresh


def _seed_day_one(tx: Tx, platform_id: str) -> None:
    meta = f"{platform_id}:meta"
    tx.put(f"{platform_id}:user", SUPER_ADMIN["user_id"], dict(SUPER_ADMIN))
    for role_id, name, team_type, created in ROLES:
        tx.put(
            f"{platform_id}:role",
            str(role_id),
            {
                "role_id": role_id,
                "role_name": name,
                "team_type": team_type,
                "create_time": created,
                "role_type": 1,
            },
        )
    for type_id, name, values in CATEGORIES:
        tx.put(
            f"{platform_id}:category",
            str(type_id),
            {
                "type_id": type_id,
                "type_name": name,
                "type_value": list(values),
                "create_time": CATEGORY_TIME,
                "create_user": "admin",
                "is_system": True,
            },
        )
    tx.put(meta, "seeded", {"platform_id": platform_id})
