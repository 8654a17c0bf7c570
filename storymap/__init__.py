"""Engine for map stories: load, validate and resolve a story folder against a geodata folder.

Nothing here knows about a particular story, and nothing here imports Streamlit.
"""
