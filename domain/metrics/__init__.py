"""An organisation's monitoring and measurement (ISO/IEC 27001 9.1): the metrics it keeps (what is measured and how,
how often, the target and its direction, who owns the measuring and who analyses and evaluates the results, and the
control or clause each evidences), and the measurements taken over time. A measurement that misses its target is a
miss; a metric not measured again within its frequency is overdue. A wrong value is corrected by a new record with a
reason, never edited; a metric no longer kept is retired with a reason and takes no more measurements."""
