"""The incident register (paper 000): an organisation records its incidents, each with a severity, and measures
reaction, escalation and recovery against the targets its service levels set for that severity. Escalation goes
from the first level (service desk) to the second (the provider or the customer's local IT) to the third (the vendor
or a partner). Monitoring opens incidents automatically, and a monthly service report states each service's
availability as a percentage."""
