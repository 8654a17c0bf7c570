"""Harness shared by the tests and the benchmarks: a Streamlit server to drive, what a browser
fetched, what a reader sees, a fresh AppTest session. Not part of the engine; never imported by it."""
