"""Developer scripts (not shipped): screenshots, and what they share with the e2e tests."""
