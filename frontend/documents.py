"""The GraphQL documents the pages run. Pages see exactly what the API would show the same user."""

USER_ERROR = "... on UserError { code message field }"

CHANGE = f"__typename {USER_ERROR}"

CLUSTER_FIELDS = """
    id name status startedOn plannedStart plannedEnd memberCount warnings moduleTitles
    coach { displayName }
"""

CLUSTERS = f"""
query Clusters($after: String) {{
  clusters(first: 50, after: $after) {{
    edges {{ node {{ {CLUSTER_FIELDS} }} }}
    pageInfo {{ hasNextPage endCursor }}
  }}
  coaches {{ id displayName }}
}}
"""

GAUGE_FIELDS = "coachingHalfDaysUsed coachingHalfDaysEstimated coachingHalfDaysCeiling coachingHalfDaysRemaining"

DASHBOARD = f"""
query Dashboard($id: ID!) {{
  cluster(id: $id) {{
    __typename
    ... on Cluster {{
      {CLUSTER_FIELDS}
      members {{
        organisation {{ id name sector employeeCount }}
        admissionCriteria {{ smallEnterprise managementCommitment resourcesAvailable }}
        {GAUGE_FIELDS}
        outcome {{ status }}
        coachingHalfDays {{ entryNumber heldOn coachName workDone moduleNumber }}
      }}
    }}
    {USER_ERROR}
  }}
  organisations {{ id name }}
  coaches {{ id displayName }}
}}
"""

ORGANISATIONS = """
query Organisations { organisations { id name sector employeeCount } }
"""

FORM_CLUSTER = f"""
mutation FormCluster($input: FormClusterInput!) {{
  result: formCluster(input: $input) {{ {CHANGE} ... on ClusterChange {{ cluster {{ id }} }} }}
}}
"""


def change(mutation: str, input_type: str | None = None) -> str:
    """A mutation taking one input and answering only whether it was done, or the refusal."""
    input_type = input_type or f"{mutation[0].upper()}{mutation[1:]}Input"
    return f"mutation($input: {input_type}!) {{ result: {mutation}(input: $input) {{ {CHANGE} }} }}"


ADMIT_ORGANISATION = change("admitOrganisation")
START_CLUSTER = change("startCluster")
LOG_COACHING = change("logCoachingHalfDay")
REGISTER_ORGANISATION = change("registerOrganisation")
