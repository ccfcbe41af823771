"""The GraphQL documents of the programme pages: plan, sessions, members, effort."""

from frontend.documents import GAUGE_FIELDS, USER_ERROR, change

CLUSTER_NAV = "id name status members { organisation { id name } outcome { status } }"
"""What every cluster page needs for its breadcrumbs and its links to the cluster's other pages."""

SESSION_FIELDS = (
    "key kind title moduleNumber organisationId organisationName scheduledOn halfDay halfDays status heldOn"
)

PLAN = f"""
query Plan($id: ID!) {{
  cluster(id: $id) {{
    __typename
    ... on Cluster {{
      {CLUSTER_NAV} planStartsOn
      sessions {{ {SESSION_FIELDS} }}
      unavailability {{ organisationName startsOn endsOn reason }}
      clashes {{ sessionKey sessionTitle scheduledOn organisationName }}
    }}
    {USER_ERROR}
  }}
}}
"""

PROPOSAL = f"""
query Proposal($id: ID!, $startsOn: Date!) {{
  proposal: planProposal(clusterId: $id, startsOn: $startsOn) {{
    __typename
    ... on PlanProposal {{
      startsOn fingerprint
      sessions {{ key kind title moduleNumber organisationName scheduledOn: on halfDay halfDays }}
      notes {{ key message }}
    }}
    {USER_ERROR}
  }}
}}
"""

SESSION = f"""
query Session($id: ID!, $key: String!) {{
  cluster(id: $id) {{
    __typename
    ... on Cluster {{
      {CLUSTER_NAV}
      session(key: $key) {{ {SESSION_FIELDS} heldHalfDays cancellationReason }}
      sessionMoves(key: $key) {{ movedAt fromOn toOn reason }}
      attendance(sessionKey: $key) {{ organisationName attendees absent warning }}
      feedback(sessionKey: $key) {{ id kind text signedBy status hiddenReason sharedAt mine }}
      clashes {{ sessionKey organisationName }}
    }}
    {USER_ERROR}
  }}
  coaches {{ id displayName }}
}}
"""

AREAS = "maturityAreas { group code title }"
"""The areas a gap analysis rates, as the API lists them."""

MEMBER_AREAS = f"query Areas {{ {AREAS} }}"

MEMBER = f"""
query Member($id: ID!, $organisationId: ID!) {{
  cluster(id: $id) {{
    __typename
    ... on Cluster {{
      {CLUSTER_NAV} moduleTitles
      member(organisationId: $organisationId) {{
        organisation {{ id name sector employeeCount }}
        {GAUGE_FIELDS}
        outcome {{
          status withdrawnOn withdrawalReason establishedOn auditOn certificationBody certifiedOn certificateReference
        }}
        gapAnalyses {{
          number visitedOn analysedOn estimatedCoachingHalfDays formulaVersion
          levels {{ area title level changeSinceFirst }}
        }}
        ceilingOverrides {{ decidedAt additionalHalfDays reason decidedBy }}
        coachingHalfDays {{ entryNumber heldOn coachName moduleNumber workDone nextSteps }}
      }}
    }}
    {USER_ERROR}
  }}
  coaches {{ id displayName }}
  {AREAS}
}}
"""

EFFORT = f"""
query Effort($id: ID!) {{
  cluster(id: $id) {{
    __typename
    ... on Cluster {{
      {CLUSTER_NAV}
      effort {{
        members {{ organisationName gapAnalysisDays trainingDaysAttended coachingDays totalDays }}
        trainingDaysHeld consultancyDays daysPerOrganisation singleOrganisationBaselineDays shareOfBaseline
      }}
    }}
    {USER_ERROR}
  }}
}}
"""

DECLARE_UNAVAILABILITY = change("declareUnavailability")
ACCEPT_PLAN = change("acceptPlan")
MOVE_SESSION = change("moveSession")
HOLD_SESSION = change("holdSession")
CANCEL_SESSION = change("cancelSession")
SHARE_FEEDBACK = change("shareFeedback")
WITHDRAW_FEEDBACK = change("withdrawFeedback", "FeedbackItemInput")
HIDE_FEEDBACK = change("hideFeedback")
ASSESS_GAP = change("assessGap")
RAISE_COACHING_CEILING = change("raiseCoachingCeiling")
RECORD_ISMS_ESTABLISHED = change("recordIsmsEstablished")
PLAN_CERTIFICATION_AUDIT = change("planCertificationAudit")
RECORD_CERTIFIED = change("recordCertified")
WITHDRAW_MEMBER = change("withdrawMember")
