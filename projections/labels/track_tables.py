"""The label scheme's and the tracks' read tables. Each row is written in the labelling body's tenant and in the
professionals' realm (`body_id` says whose): the body reads its own, a professional their own track and the
evaluations asked of them, each in their own tenant."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, Float, Index, Integer, String, Uuid

from projections.core.tables import TableFactory


def define_tables(table: TableFactory) -> None:
    _scheme(table)
    _tracks(table)


def _scheme(table: TableFactory) -> None:
    table(
        "label_scheme_versions",
        Column("tenant_id", Uuid, nullable=False),
        Column("body_id", Uuid, nullable=False),
        Column("version", Integer, nullable=False),
        Column("training_title", String, nullable=False),
        Column("training_minimum_hours", Integer, nullable=False),
        Column("pass_mark", Integer, nullable=False),
        Column("maximum_attempts", Integer, nullable=False),
        Column("validity_months", Integer, nullable=False),
        Column("renewal_missions", Integer, nullable=False),
        Column("renewal_days", Integer, nullable=False),
        key=("tenant_id", "body_id", "version"),
    )
    table(
        "label_requirements",
        Column("tenant_id", Uuid, nullable=False),
        Column("body_id", Uuid, nullable=False),
        Column("version", Integer, nullable=False),
        Column("position", Integer, nullable=False),
        Column("category", String, nullable=False),
        Column("key", String, nullable=False),
        Column("text", String, nullable=False),
        key=("tenant_id", "body_id", "version", "position"),
    )


def _tracks(table: TableFactory) -> None:
    tracks = table(
        "label_tracks",
        Column("tenant_id", Uuid, nullable=False),
        Column("body_id", Uuid, nullable=False),
        Column("professional_id", Uuid, nullable=False),
        Column("track_id", Uuid, nullable=False),
        Column("body_name", String, nullable=False),
        Column("candidate_name", String, nullable=False),
        Column("candidate_email", String, nullable=False),
        Column("cycle", Integer, nullable=False),
        Column("scheme_version", Integer, nullable=False),
        Column("enrolled_on", Date, nullable=False),
        Column("training_on", Date, nullable=True),
        Column("training_provider", String, nullable=True),
        Column("training_evidence", String, nullable=True),
        Column("training_hours", Float, nullable=True),
        Column("attempts", Integer, nullable=False),
        Column("last_score", Integer, nullable=True),
        Column("exam_passed", Boolean, nullable=False),
        Column("evaluator_id", Uuid, nullable=True),
        Column("evaluator_name", String, nullable=True),
        Column("evaluated_on", Date, nullable=True),
        Column("evaluated_by", Uuid, nullable=True),
        Column("evaluated_mission", String, nullable=True),
        Column("evaluation_passed", Boolean, nullable=True),
        Column("granted_on", Date, nullable=True),
        Column("expires_on", Date, nullable=True),
        Column("period_started_on", Date, nullable=True),
        Column("suspended_on", Date, nullable=True),
        Column("revoked_on", Date, nullable=True),
        key=("tenant_id", "body_id", "professional_id"),
    )
    Index(f"{table.prefix}label_tracks_by_track", tracks.c.tenant_id, tracks.c.track_id)
    Index(f"{table.prefix}label_tracks_by_evaluator", tracks.c.tenant_id, tracks.c.evaluator_id)
    Index(f"{table.prefix}label_tracks_by_name", tracks.c.tenant_id, tracks.c.candidate_name)
    table(
        "label_track_history",
        Column("tenant_id", Uuid, nullable=False),
        Column("track_id", Uuid, nullable=False),
        Column("position", Integer, nullable=False),
        Column("what", String, nullable=False),
        Column("on", Date, nullable=True),
        Column("detail", String, nullable=False),
        key=("tenant_id", "track_id", "position"),
    )
    table(
        "label_ratings",
        Column("tenant_id", Uuid, nullable=False),
        Column("track_id", Uuid, nullable=False),
        Column("position", Integer, nullable=False),
        Column("category", String, nullable=False),
        Column("key", String, nullable=False),
        Column("rating", String, nullable=False),
        Column("comment", String, nullable=False),
        key=("tenant_id", "track_id", "position"),
    )
