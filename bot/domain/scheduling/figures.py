"""How Find a time is used, honestly: which coffee groups pressed it, and how many of them met, beside
the groups that did not. Groups choose to use it, so the two rates compare choosers with the others;
they do not measure what the feature causes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

MET = "met"  # CheckinAnswer.MET's value, as GroupFact stores it


@dataclass(frozen=True)
class FindTimeFigures:
    groups: int  # coffee groups introduced (in the period)
    used: int  # of those, groups that pressed Find a time
    agreed: int  # of those, groups that agreed a slot
    used_met: int  # groups that used it and answered We met
    others_met: int  # groups that did not use it and answered We met

    def lines(self) -> list[str]:
        if not self.groups:
            return ["No coffee groups yet."]
        others = self.groups - self.used
        return [
            f"{self.used} of {self.groups} groups used Find a time ({_share(self.used, self.groups)}); "
            f"{self.agreed} agreed a slot.",
            f"Met: {self.used_met} of {self.used} that used it ({_share(self.used_met, self.used)}) · "
            f"{self.others_met} of {others} that did not ({_share(self.others_met, others)}).",
            "Groups choose to use it, so this compares them; it does not show that it helps.",
        ]

    def rows(self) -> list[tuple[str, str]]:
        """The report's small table: label and value, the same figures as `lines`."""
        others = self.groups - self.used
        return [
            ("coffee groups introduced", str(self.groups)),
            ("used Find a time", f"{self.used} ({_share(self.used, self.groups)})"),
            ("agreed a slot", str(self.agreed)),
            (
                "met, of those that used it",
                f"{self.used_met}/{self.used} ({_share(self.used_met, self.used)})",
            ),
            ("met, of those that did not", f"{self.others_met}/{others} ({_share(self.others_met, others)})"),
        ]


@dataclass(frozen=True)
class CoffeeGroup:
    ref: str  # the group's ID, as scheduling stores it
    scheduled_for: datetime
    delivered: bool
    answer: str | None


def find_time_figures(
    groups: Iterable[CoffeeGroup], used: Mapping[str, bool], since: datetime | None = None
) -> FindTimeFigures:
    """`used` maps each group that pressed Find a time to whether it agreed a slot."""
    counted = [g for g in groups if g.delivered and (since is None or g.scheduled_for >= since)]
    users = [g for g in counted if g.ref in used]
    return FindTimeFigures(
        groups=len(counted),
        used=len(users),
        agreed=sum(1 for g in users if used[g.ref]),
        used_met=sum(1 for g in users if g.answer == MET),
        others_met=sum(1 for g in counted if g.ref not in used and g.answer == MET),
    )


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "n/a"
