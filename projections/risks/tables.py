"""The risk register's read tables, indexed for a register of 10,000 risks: paged by title, by level or by
residual level, always within one organisation."""

from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, Index, Integer, String, Text, Uuid

from projections.core.tables import TableFactory


def define_tables(table: TableFactory) -> None:
    _risks(table)
    _risk_assets(table)
    _risk_controls(table)
    _risk_history(table)
    _risk_reviews(table)
    _register_counts(table)
    _treatment_actions(table)
    _security_objectives(table)
    _risk_methods(table)


def _risks(table: TableFactory) -> None:
    risks = table(
        "risks",
        Column("tenant_id", Uuid, nullable=False),
        Column("risk_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("title", String(200), nullable=False),
        Column("sort_title", String(200), nullable=False),
        Column("threat", Text, nullable=False),
        Column("vulnerability", Text, nullable=False),
        Column("owner_id", Uuid, nullable=False),
        Column("search_text", Text, nullable=False),
        Column("status", String(20), nullable=False),
        Column("open", Integer, nullable=False),
        # 0 once closed: the register lists open risks unless asked for closed ones
        Column("likelihood", Integer),
        Column("impact", Integer),
        Column("level", Integer),
        Column("level_label", String(50)),
        Column("rank", Integer, nullable=False),
        # minus the level: the highest first in the index's own (ascending) order; 0 while unassessed
        Column("method_version", Integer),
        Column("option", String(20)),
        Column("residual_likelihood", Integer),
        Column("residual_impact", Integer),
        Column("residual_level", Integer),
        Column("residual_level_label", String(50)),
        Column("residual_rank", Integer, nullable=False),
        Column("treatment_method_version", Integer),
        Column("management_decided", Integer, nullable=False),
        Column("accepted_until", Date),
        Column("accepted_by", Uuid),
        Column("accepted_at", DateTime(timezone=True)),
        Column("accepted_reason", Text),
        Column("source_library_item", String(100)),
        Column("source_library_version", Integer),
        Column("identified_by", Uuid, nullable=False),
        Column("identified_at", DateTime(timezone=True), nullable=False),
        Column("changed_at", DateTime(timezone=True), nullable=False),
        Column("closed_at", DateTime(timezone=True)),
        key=("tenant_id", "risk_id"),
    )
    prefix = table.prefix
    columns = risks.c
    within = (columns.tenant_id, columns.organisation_id, columns.open)
    Index(f"{prefix}risks_by_title", *within, columns.sort_title, columns.risk_id)
    Index(f"{prefix}risks_by_level", *within, columns.rank, columns.sort_title, columns.risk_id)
    Index(f"{prefix}risks_by_residual", *within, columns.residual_rank, columns.sort_title, columns.risk_id)
    Index(f"{prefix}risks_by_status", *within, columns.status)
    Index(f"{prefix}risks_by_owner", *within, columns.owner_id)
    Index(f"{prefix}risks_by_option", *within, columns.option)
    # The heat map's counts and those since the last review, read from the indexes alone
    Index(f"{prefix}risks_inherent_cells", *within, columns.likelihood, columns.impact)
    Index(f"{prefix}risks_residual_cells", *within, columns.residual_likelihood, columns.residual_impact)
    Index(
        f"{prefix}risks_since",
        columns.tenant_id,
        columns.organisation_id,
        columns.changed_at,
        columns.identified_at,
        columns.closed_at,
        columns.open,
    )


def _risk_assets(table: TableFactory) -> None:
    links = table(
        "risk_assets",
        Column("tenant_id", Uuid, nullable=False),
        Column("risk_id", Uuid, nullable=False),
        Column("asset_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        key=("tenant_id", "risk_id", "asset_id"),
    )
    Index(f"{table.prefix}risk_assets_by_asset", links.c.tenant_id, links.c.asset_id)


def _risk_controls(table: TableFactory) -> None:
    """The controls a risk's current treatment chose: a catalogue's (`catalogue_id`, `control_id`) or the
    organisation's own (`name`)."""
    controls = table(
        "risk_controls",
        Column("tenant_id", Uuid, nullable=False),
        Column("risk_id", Uuid, nullable=False),
        Column("position", Integer, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("catalogue_id", String(50)),
        Column("control_id", String(20)),
        Column("name", String(200)),
        key=("tenant_id", "risk_id", "position"),
    )
    Index(
        f"{table.prefix}risk_controls_by_control",
        controls.c.tenant_id,
        controls.c.organisation_id,
        controls.c.catalogue_id,
        controls.c.control_id,
    )


def _risk_history(table: TableFactory) -> None:
    """Everything done to a risk, its identification first, with who, when and why."""
    table(
        "risk_history",
        Column("tenant_id", Uuid, nullable=False),
        Column("risk_id", Uuid, nullable=False),
        Column("version", Integer, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("action", String(30), nullable=False),
        Column("details", Text, nullable=False),
        Column("reason", Text),
        Column("acted_by", Uuid, nullable=False),
        Column("acted_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "risk_id", "version"),
    )


def _risk_reviews(table: TableFactory) -> None:
    reviews = table(
        "risk_reviews",
        Column("tenant_id", Uuid, nullable=False),
        Column("review_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("held_on", Date, nullable=False),
        Column("notes", Text, nullable=False),
        Column("held_by", Uuid, nullable=False),
        Column("held_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "review_id"),
    )
    Index(f"{table.prefix}risk_reviews_by_time", reviews.c.tenant_id, reviews.c.organisation_id, reviews.c.held_at)


def _register_counts(table: TableFactory) -> None:
    """Per organisation, the open risks and those new, changed and closed since its last review, kept by the
    projection as each event lands: the register's first screen reads one row instead of counting 10,000."""
    table(
        "risk_register_counts",
        Column("tenant_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("reviewed_at", DateTime(timezone=True)),
        # the last review's time, as the counts since it are taken; none before the first review
        Column("open_count", Integer, nullable=False),
        Column("new_count", Integer, nullable=False),
        Column("changed_count", Integer, nullable=False),
        Column("closed_count", Integer, nullable=False),
        key=("tenant_id", "organisation_id"),
    )


def _treatment_actions(table: TableFactory) -> None:
    actions = table(
        "treatment_actions",
        Column("tenant_id", Uuid, nullable=False),
        Column("action_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("title", String(200), nullable=False),
        Column("sort_title", String(200), nullable=False),
        Column("owner", String(200), nullable=False),
        Column("due_on", Date, nullable=False),
        Column("status", String(20), nullable=False),
        Column("status_reason", Text),
        Column("risk_ids", Text, nullable=False),
        # JSON list of the risks' ids
        Column("controls", Text, nullable=False),
        # JSON list of refs `catalogue:control`
        Column("planned_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "action_id"),
    )
    Index(f"{table.prefix}actions_by_due", actions.c.tenant_id, actions.c.organisation_id, actions.c.due_on)


def _security_objectives(table: TableFactory) -> None:
    objectives = table(
        "security_objectives",
        Column("tenant_id", Uuid, nullable=False),
        Column("objective_id", Uuid, nullable=False),
        Column("organisation_id", Uuid, nullable=False),
        Column("title", String(200), nullable=False),
        Column("measure", Text, nullable=False),
        Column("owner", String(200), nullable=False),
        Column("due_on", Date, nullable=False),
        Column("status", String(20), nullable=False),
        Column("status_reason", Text),
        Column("set_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "objective_id"),
    )
    Index(f"{table.prefix}objectives_by_due", objectives.c.tenant_id, objectives.c.organisation_id, objectives.c.due_on)


def _risk_methods(table: TableFactory) -> None:
    """The consultancy's method versions it set (version 1, the default, is not stored), each as JSON."""
    table(
        "risk_methods",
        Column("tenant_id", Uuid, nullable=False),
        Column("version", Integer, nullable=False),
        Column("definition", Text, nullable=False),
        Column("set_at", DateTime(timezone=True), nullable=False),
        key=("tenant_id", "version"),
    )
