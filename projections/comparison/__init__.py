"""The members' comparison: who contributes to each cluster's comparison, and its last published cohort."""
