"""The floor the live app is measured against (bench/first_visit.py): a bare Streamlit page, a title
and a sentence, served by the same production recipe."""

import streamlit as st

st.title("A bare page")
st.write("A bare Streamlit page: the least any app served this way costs a reader.")
