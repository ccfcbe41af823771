"""A member organisation's ISMS home: each register's state in a few figures, and the next thing to do."""
