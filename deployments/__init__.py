"""Prefect deployments of the datamap flows: schedules and event triggers."""
