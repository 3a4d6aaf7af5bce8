"""The totals of the deployments pages as plain values: what `summary()` returns."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from .text import countries_text, persons_text

if TYPE_CHECKING:
    from .choices import Team
    from .models import DisasterDeployment


@dataclass(frozen=True)
class TeamTotal:
    team: "Team"
    count: int
    persons: int

    @property
    def label(self):
        return self.team.label


@dataclass(frozen=True)
class DeploymentSummary:
    count: int
    persons: int
    countries: int
    first: "DisasterDeployment | None"
    latest: "DisasterDeployment | None"
    by_team: list[TeamTotal] = field(default_factory=list)
    last_updated: "datetime | None" = None

    @property
    def persons_text(self):
        return persons_text(self.persons)

    @property
    def countries_text(self):
        return countries_text(self.countries)

    @property
    def teams_used(self):
        """Teams with at least one deployment, for sentences that list them."""
        return [total for total in self.by_team if total.count]
