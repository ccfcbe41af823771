"""What every feature's pages share: the page base, forms, the layout and error pages, reading GraphQL documents."""
