"""HTTP APIs, one blueprint per audience."""
