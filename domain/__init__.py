"""Cordee's event-sourced domain: aggregates, events, commands and the application service.

Nothing here knows about databases, web frameworks or the clock: dates that matter to the business arrive as
command arguments; the event store stamps when a fact was recorded.
"""
