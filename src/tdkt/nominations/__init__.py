"""Nomination → decision workflow: rounds, dossiers, routing, council votes, numbered decisions."""
