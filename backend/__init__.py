"""The composition root: settings, wiring of the event store and projections, the web app, auth, GraphQL, CLI."""
