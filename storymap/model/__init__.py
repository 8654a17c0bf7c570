"""The story model: story, timeline and classroom files, gazetteer and shapes, loaded, validated and
resolved into what every edition renders. Imports neither Streamlit nor anything that renders."""
