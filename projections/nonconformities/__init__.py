"""The read side of the nonconformity register: nonconformities, their corrective actions and their history."""
