"""Routers per area; each is mounted in :mod:`tdkt.api.urls`."""
