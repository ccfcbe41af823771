"""An organisation's context (ISO/IEC 27001 clauses 4-5): the internal and external issues it faces, its interested
parties and their requirements (paper 000's cloud pattern), the scope of its ISMS with justified exclusions, the roles
and responsibilities with the people who hold them, and top management's commitment."""
