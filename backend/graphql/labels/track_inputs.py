"""The inputs of the label scheme's and the tracks' mutations. Choices (a category, a rating) are text, so that a
value not offered is refused by the domain naming its field."""

from __future__ import annotations

from datetime import date

import strawberry


@strawberry.input(description="One evaluation requirement: its category, a key and what it asks.")
class LabelRequirementInput:
    category: str = strawberry.field(
        description="gap_analysis, risk_management, management_system or security_policies."
    )
    key: str
    text: str


@strawberry.input(description="A version of the scheme: tracks already enrolled keep theirs.")
class LabelSchemeInput:
    training_title: str
    training_minimum_hours: int
    pass_mark: int = strawberry.field(description="The exam's pass mark, in percent.")
    maximum_attempts: int
    requirements: list[LabelRequirementInput]
    validity_months: int
    renewal_missions: int
    renewal_days: int = 0


@strawberry.input
class PublishLabelSchemeInput:
    scheme: LabelSchemeInput


@strawberry.input(description="A professional enrolled on the scheme's current version, by their e-mail.")
class EnrolCandidateInput:
    email: str
    display_name: str
    enrolled_on: date


@strawberry.input
class LabelTrainingInput:
    professional_id: strawberry.ID
    attended_on: date
    provider: str
    evidence: str
    hours: float


@strawberry.input
class ExamAttemptInput:
    professional_id: strawberry.ID
    sat_on: date
    score: int = strawberry.field(description="In percent.")


@strawberry.input(description="The coach asked to evaluate the candidate's first mission, by their e-mail.")
class NameLabelEvaluatorInput:
    professional_id: strawberry.ID
    evaluator_email: str


@strawberry.input
class GrantLabelInput:
    professional_id: strawberry.ID
    granted_on: date


@strawberry.input
class RenewLabelInput:
    professional_id: strawberry.ID
    renewed_on: date


@strawberry.input
class SuspendLabelInput:
    professional_id: strawberry.ID
    suspended_on: date
    reason: str


@strawberry.input
class ReinstateLabelInput:
    professional_id: strawberry.ID
    reinstated_on: date
    reason: str


@strawberry.input
class RevokeLabelInput:
    professional_id: strawberry.ID
    revoked_on: date
    reason: str


@strawberry.input(description="The evaluating coach's rating of one requirement and their comment.")
class LabelRatingInput:
    key: str
    rating: str = strawberry.field(description="meets, partially or not_met.")
    comment: str


@strawberry.input(description="The first-mission evaluation asked of you, on every requirement of its version.")
class SubmitFirstMissionEvaluationInput:
    track_id: strawberry.ID
    mission: str
    evaluated_on: date
    ratings: list[LabelRatingInput]
