"""Governance helpers without a database: the working-day calendar and the decision letter's PDF."""
