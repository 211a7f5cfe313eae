"""Journeys in a real browser: each role's main task through the pages, checked with axe-core as it goes."""
