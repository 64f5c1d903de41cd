"""Web views, one module per area."""
