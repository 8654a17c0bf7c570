"""Authoring: drafting a story folder from an article's text, and checking a folder before readers see it."""
