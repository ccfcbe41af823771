"""A cluster's name and coach change with a reason; a closed cluster keeps its details."""

from __future__ import annotations

from uuid import UUID

import pytest

from domain.clusters.commands import ChangeClusterDetails, CloseCluster
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.shared.errors import Conflict, DomainError, ValidationFailed
from domain.tenancy.account import Role
from domain.tenancy.commands import DeactivateAccount, OpenAccount
from tests.unit.programme_scenario import Scenario


def second_coach(s: Scenario, role: Role = Role.COACH) -> UUID:
    command = OpenAccount(s.tenant, SYSTEM_ACTOR, f"dario.{role}@alpine.example", "Dario", "$argon2id$x", (role,))
    return s.app.handle(command).aggregate_id


def recorded(s: Scenario) -> list[str]:
    """The names of the events stored, in order."""
    return [n.topic.rsplit(".", 1)[-1] for n in s.app.recorder.select_notifications(1, 10_000)]


def change(s: Scenario, name: str, coach: UUID, reason: str = "The region grew") -> object:
    return s.app.handle(ChangeClusterDetails(s.tenant, SYSTEM_ACTOR, s.running, name, coach, reason))


def refused(s: Scenario, name: str, coach: UUID, reason: str = "Why not") -> DomainError:
    before = s.position()
    with pytest.raises(DomainError) as error:
        change(s, name, coach, reason)
    assert s.position() == before
    return error.value


def test_a_cluster_is_renamed_and_handed_to_another_coach_with_a_reason() -> None:
    s = Scenario()
    dario = second_coach(s)
    change(s, "Alpine North", dario)
    cluster = s.cluster(s.running)
    assert (cluster.name, cluster.coach_id) == ("Alpine North", dario)
    assert recorded(s)[-2:] == ["Renamed", "CoachReassigned"]


def test_only_what_changes_is_recorded() -> None:
    s = Scenario()
    change(s, "Alpine North", s.coach)
    assert recorded(s)[-2:] == ["PlanAccepted", "Renamed"]


def test_nothing_to_change_a_blank_reason_or_a_bad_name_is_refused() -> None:
    s = Scenario()
    assert refused(s, "Running", s.coach).field == "name"
    assert refused(s, "Alpine North", s.coach, reason=" ").field == "reason"
    assert refused(s, "Bad\nname", s.coach).field == "name"


def test_the_new_coach_is_an_active_coach_of_the_consultancy() -> None:
    s = Scenario()
    assert refused(s, "Running", second_coach(s, Role.CONSULTANCY_ADMIN)).field == "coach_id"
    dario = second_coach(s)
    s.app.handle(DeactivateAccount(s.tenant, SYSTEM_ACTOR, dario, "Left"))
    error = refused(s, "Running", dario)
    assert isinstance(error, ValidationFailed) and error.field == "coach_id"


def test_another_cluster_s_name_is_refused() -> None:
    s = Scenario()
    error = refused(s, "forming", s.coach)
    assert isinstance(error, Conflict) and error.field == "name"


def test_a_closed_cluster_keeps_its_details() -> None:
    s = Scenario()
    s.app.handle(CloseCluster(s.tenant, SYSTEM_ACTOR, s.running, s.started_on))
    assert refused(s, "Alpine North", s.coach).field == "name"
