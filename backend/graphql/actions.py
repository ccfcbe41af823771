"""Every action the features declare, under a stable name: `<feature>.<name>` in lower case (`risks.accept_risk`).

The names are what the authorization matrix (`backend/authorization.toml`, which the policy reads) keys its rows by:
a constant renamed in code would be a row renamed in the matrix, so a name is kept once published. `backend.policy`
decides; this only lists what there is to decide about.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

import backend.graphql
from backend.authorization import MATRIX_ROLES, matrix
from backend.policy import Action
from domain.tenancy.account import Role


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
                name = f"{feature}.{constant.lower()}"
                if value.name != name:
                    raise ValueError(
                        f"{feature}.actions.{constant} is named {value.name!r}: its stable name is {name!r}."
                    )
                catalog[name] = value
    return catalog


def check_matrix(mutations: list[str], queries: list[str]) -> None:
    """Raises unless the authorization matrix has a row for exactly the declared actions, the schema's mutations and
    its query fields."""
    matrix().check({name: action.approves for name, action in action_catalog().items()}, mutations, queries)


ROLE_HEADINGS = {
    "consultancy_admin": "Admin",
    "coach": "Coach",
    "isms_manager": "ISMS manager",
    "contributor": "Contributor",
    "viewer": "Viewer",
    "auditor": "Auditor",
    "labelling_body": "Labelling body",
    "professional": "Professional",
}


def matrix_table() -> str:
    """The authorization matrix as the Markdown of `docs/authorization.md` (`make schema` writes it)."""
    rows, catalog = matrix(), action_catalog()
    roles = list(MATRIX_ROLES)
    head = "| " + " | ".join(ROLE_HEADINGS[role.value] for role in roles) + " |"
    rule = "|" + "---|" * (len(roles) + 2)

    def marks(allowed: frozenset[Role]) -> str:
        return " | ".join("✓" if role in allowed else "" for role in roles)

    lines = [
        "# Who may do what",
        "",
        "The authorization matrix, written from `backend/authorization.toml` by `make schema`: the policy decides by",
        "that file, and a test calls every query and mutation as every role against it. Beyond its role, everyone",
        "acts only on what is in their view, and every id a command names is checked against that view.",
        "",
        "## Roles",
        "",
        *(f"- **{ROLE_HEADINGS[role.value]}**: {rows.roles[role]}" for role in roles),
        "",
        "## Actions",
        "",
        "A ✓ is a role that may. An action marked *approves* is never a contributor's.",
        "",
        f"| Action | Mutations {head}",
        rule,
    ]
    for name, row in rows.actions.items():
        flags = " *(approves)*" if catalog[name].approves else ""
        mutations = ", ".join(f"`{mutation}`" for mutation in row.mutations) or "(a query or a page)"
        lines.append(f"| `{name}`: {catalog[name].description}{flags} | {mutations} | {marks(row.roles)} |")
    lines += ["", "## Queries", "", "What each answer holds is the row's *sees*:", ""]
    lines += [f"- **{key}**: {text}" for key, text in rows.sees.items()]
    lines += ["", f"| Query | Sees {head}", rule]
    for name, query in rows.queries.items():
        follows = f" (as `{query.action}`)" if query.action else ""
        lines.append(f"| `{name}`{follows} | {query.sees} | {marks(query.roles)} |")
    lines += ["", "## Field-level rules", "", "| Field | Rule | Proven by |", "|---|---|---|"]
    lines += [f"| `{field}` | {rule.rule} | `{rule.proven_by}` |" for field, rule in rows.fields.items()]
    return "\n".join(lines) + "\n"
