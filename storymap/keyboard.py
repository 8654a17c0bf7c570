"""Keyboard and clicker stepping: an in-page Streamlit component that reports ← → j k Home End."""

from __future__ import annotations

from typing import Any

import streamlit as st

_JS = """
export default function (component) {
  const { setTriggerValue } = component;
  const steps = {ArrowRight: "next", ArrowLeft: "prev", j: "next", k: "prev",
                 PageDown: "next", PageUp: "prev", Home: "first", End: "last"};
  if (window.__storymapKeys) { document.removeEventListener("keydown", window.__storymapKeys); }
  const handler = (event) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) { return; }
    const target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(target.tagName))) {
      if (!(target.tagName === "BUTTON" && event.key.length > 1 && event.key !== "Enter")) { return; }
    }
    const step = steps[event.key];
    if (!step) { return; }
    event.preventDefault();
    setTriggerValue("step", step);
  };
  window.__storymapKeys = handler;
  document.addEventListener("keydown", handler);
}
"""

_component = st.components.v2.component("storymap_keyboard", js=_JS)


def keyboard(key: str) -> str | None:
    """Mount the listener; returns 'next', 'prev', 'first' or 'last' on the run a key triggered."""
    result: Any = _component(key=key, on_step_change=lambda: None)
    step = getattr(result, "step", None)
    return str(step) if step else None
