"""Re-using ITIL (paper 000): an organisation declares the ITIL steps and practices it already runs, with evidence,
and sees which ISO/IEC 27001 work they already feed: the gap analysis and the Statement of Applicability start from
what exists, once the coach confirms."""
