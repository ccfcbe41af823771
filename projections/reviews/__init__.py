"""The read side of management reviews: each review with its kept inputs, decisions and actions."""
