"""Every action the features declare, under a stable name: `<feature>.<name>` in lower case (`risks.accept_risk`).

The names are what a role-by-action matrix (a data file the policy would read) keys its rows by: a constant renamed in
code would be a row renamed in the matrix, so a name is kept once published. `backend.policy` decides; this only
lists what there is to decide about.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

import backend.graphql
from backend.policy import Action


@cache
def action_catalog() -> dict[str, Action]:
    """Each declared action by its stable name, in the order of the features and their declarations."""
    catalog: dict[str, Action] = {}
    for feature in sorted(m.name for m in pkgutil.iter_modules(backend.graphql.__path__) if m.ispkg):
        try:
            module = importlib.import_module(f"backend.graphql.{feature}.actions")
        except ModuleNotFoundError:
            continue
        for constant, value in vars(module).items():
            if isinstance(value, Action) and constant.isupper():
                catalog[f"{feature}.{constant.lower()}"] = value
    return catalog


def action_name(action: Action) -> str:
    """The stable name of a declared action."""
    return next(name for name, declared in action_catalog().items() if declared is action)
