"""The kinds of interested parties and their question templates, from `stakeholder_kinds.json` (data, not code)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from domain.shared.errors import ValidationFailed

TEMPLATES_FILE = Path(__file__).with_name("stakeholder_kinds.json")
ENVIRONMENTS = ("direct", "indirect")
"""Direct parties interact with the organisation's system; indirect ones reach it through a direct party."""


@dataclass(frozen=True)
class Question:
    key: str
    text: str


@dataclass(frozen=True)
class StakeholderKind:
    key: str
    label: str
    environment: str
    questions: tuple[Question, ...]

    def question(self, key: str) -> Question:
        found = next((q for q in self.questions if q.key == key), None)
        if found is None:
            raise ValidationFailed("question_key", f"A {self.label.lower()} has no question with this key.")
        return found


@cache
def stakeholder_kinds() -> tuple[StakeholderKind, ...]:
    data = json.loads(TEMPLATES_FILE.read_text(encoding="utf-8"))
    return tuple(
        StakeholderKind(k["key"], k["label"], k["environment"], tuple(Question(**q) for q in k["questions"]))
        for k in data["kinds"]
    )


def stakeholder_kind(key: str) -> StakeholderKind:
    found = next((kind for kind in stakeholder_kinds() if kind.key == key), None)
    if found is None:
        known = ", ".join(kind.key for kind in stakeholder_kinds())
        raise ValidationFailed("kind", f"Choose one of the kinds of interested party: {known}.")
    return found
