"""An organisation's asset inventory (ISO/IEC 27001 5.9, 6.1.2): what it must protect, who owns it, where it is,
what it depends on, and how much its confidentiality, integrity and availability matter, on its consultancy's scales."""
