"""The control catalogues' reads: the shipped editions, their controls a page at a time, their clauses and our
correspondence between editions. The same for every signed-in person: they are the consultancy's reference."""
