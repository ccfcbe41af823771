"""The GraphQL documents the pages run. Pages see exactly what the API would show the same user."""

USER_ERROR = "... on UserError { code message field }"

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

DASHBOARD = f"""
query Dashboard($id: ID!) {{
  cluster(id: $id) {{
    __typename
    ... on Cluster {{
      {CLUSTER_FIELDS}
      members {{
        organisation {{ id name sector employeeCount }}
        admissionCriteria {{ smallEnterprise managementCommitment resourcesAvailable }}
        coachingHalfDaysUsed coachingHalfDaysCeiling coachingHalfDaysRemaining
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

_CHANGE = f"__typename {USER_ERROR}"

FORM_CLUSTER = f"""
mutation FormCluster($input: FormClusterInput!) {{
  result: formCluster(input: $input) {{ {_CHANGE} ... on ClusterChange {{ cluster {{ id }} }} }}
}}
"""

ADMIT_ORGANISATION = f"""
mutation Admit($input: AdmitOrganisationInput!) {{
  result: admitOrganisation(input: $input) {{ {_CHANGE} }}
}}
"""

START_CLUSTER = f"""
mutation Start($input: StartClusterInput!) {{
  result: startCluster(input: $input) {{ {_CHANGE} }}
}}
"""

LOG_COACHING = f"""
mutation LogCoaching($input: LogCoachingHalfDayInput!) {{
  result: logCoachingHalfDay(input: $input) {{ {_CHANGE} }}
}}
"""

REGISTER_ORGANISATION = f"""
mutation Register($input: RegisterOrganisationInput!) {{
  result: registerOrganisation(input: $input) {{ {_CHANGE} }}
}}
"""
