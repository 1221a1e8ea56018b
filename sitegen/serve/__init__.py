"""The preview server: serving, watching, live reload. May import build, site and analysis."""
