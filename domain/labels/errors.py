"""The label's refusals, each a typed error naming the field at fault (its code is that of its base)."""

from __future__ import annotations

from domain.shared.errors import Forbidden, ValidationFailed


class SelfEvaluationRefused(Forbidden):
    """A coach evaluated their own first mission: the evaluator must be another professional."""

    def __init__(self) -> None:
        super().__init__(
            "A candidate cannot evaluate their own first mission; another coach evaluates it.", "evaluator_id"
        )


class RequirementNotRated(ValidationFailed):
    """An evaluation left out a requirement of the scheme version the candidate enrolled on."""

    def __init__(self, category: str, key: str) -> None:
        super().__init__("ratings", f"Rate and comment the requirement {key!r} of {category.replace('_', ' ')}.")
        self.category = category
        self.key = key


class StepNotPassed(ValidationFailed):
    """A grant before every step passed; `field` names the step: `training`, `exam` or `evaluation`."""


class AttemptsExhausted(ValidationFailed):
    """An exam attempt beyond the scheme version's maximum."""

    def __init__(self, maximum: int) -> None:
        allowed = "the one attempt" if maximum == 1 else f"the {maximum} attempts"
        super().__init__(
            "score", f"The candidate has used {allowed} the scheme allows; enrol them again for a new cycle."
        )
        self.maximum = maximum


class RenewalConditionsNotMet(ValidationFailed):
    """A renewal without enough missions coached, or days of coaching in them, since the grant or the last renewal
    (on `missions`: the days are the missions')."""


class LabelRevoked(ValidationFailed):
    """Anything asked of a revoked label: revocation is final."""

    def __init__(self) -> None:
        super().__init__("professional_id", "This label was revoked: nothing more can be recorded on its track.")
