"""Server-rendered pages. They speak GraphQL only, through the executor the backend hands them."""
