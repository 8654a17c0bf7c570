"""The Streamlit glue shared by app.py and pages/: the cached story bundle, the reader component, the
map element, text for Markdown elements, and a real server for browser tests."""
