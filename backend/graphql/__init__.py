"""The GraphQL API: strawberry types over read models, mutations over the application's commands."""
