"""Durations as people write them in inventories and policies.

``P30D``, ``P1Y6M``, ``PT12H``, ``30 days``, ``2 years``, ``18 months``, ``session``. Months
count as 30 days and years as 365 days: the comparisons policylint makes (is this kept
longer than the policy says?) need an order, not a calendar.
"""

from __future__ import annotations

import re

_ISO = re.compile(
    r"^P(?!$)(?:(?P<y>\d+(?:\.\d+)?)Y)?(?:(?P<mo>\d+(?:\.\d+)?)M)?(?:(?P<w>\d+(?:\.\d+)?)W)?(?:(?P<d>\d+(?:\.\d+)?)D)?"
    r"(?:T(?=\d)(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<mi>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)
_WORDS = re.compile(r"^(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>minute|hour|day|week|month|year)s?$")
UNIT_DAYS = {"minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.0, "year": 365.0}
_ISO_UNIT = {"year": "Y", "month": "M", "week": "W", "day": "D"}


def parse_days(text: str) -> float | None:
    """Days in a duration, or None when ``text`` is not a duration."""
    value = text.strip()
    if value.lower() == "session":
        return 0.0
    match = _ISO.match(value.upper())
    if match:
        parts = {k: float(v) for k, v in match.groupdict().items() if v}
        return (
            parts.get("y", 0) * 365
            + parts.get("mo", 0) * 30
            + parts.get("w", 0) * 7
            + parts.get("d", 0)
            + parts.get("h", 0) / 24
            + parts.get("mi", 0) / 1440
            + parts.get("s", 0) / 86400
        )
    match = _WORDS.match(value.lower())
    if match:
        return float(match.group("n")) * UNIT_DAYS[match.group("unit")]
    return None


def to_iso(number: float, unit: str) -> str:
    """``(30, "day")`` -> ``P30D``; hours and minutes use the time part (``PT12H``)."""
    n = int(number) if float(number).is_integer() else number
    if unit in _ISO_UNIT:
        return f"P{n}{_ISO_UNIT[unit]}"
    return f"PT{n}{'H' if unit == 'hour' else 'M'}"


def describe_days(days: float) -> str:
    """A readable form for messages: 730 -> "2 years", 30 -> "30 days"."""
    if days == float("inf"):
        return "indefinitely"
    for unit, size in (("year", 365), ("month", 30)):
        if days >= size and (days / size).is_integer():
            n = int(days / size)
            return f"{n} {unit}{'s' if n != 1 else ''}"
    n = int(days) if float(days).is_integer() else round(days, 2)
    return f"{n} day{'s' if n != 1 else ''}"
