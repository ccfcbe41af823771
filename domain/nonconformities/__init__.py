"""An organisation's nonconformities and corrective actions (ISO/IEC 27001 10.2): what did not conform and where it
was found (an audit finding, an incident, a management review, anyone), its root cause, the correction made, the
corrective actions with their owners and due dates, and its closure once each action's effectiveness is verified by
someone other than the action's owner."""
