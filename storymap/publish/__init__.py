"""Publishing: the static files browsers fetch (Leaflet, shapes, steps, scripts) and the static
edition, a folder any web host serves."""
