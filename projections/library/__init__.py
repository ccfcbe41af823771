"""The consultancy's library as read: its items, current and retired, and every version of each."""
