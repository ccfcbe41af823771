"""The management reviews API: an organisation's reviews, their kept inputs, decisions and actions."""
