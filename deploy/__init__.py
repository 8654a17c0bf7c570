"""Production: nginx in front of the app's replicas (`stack.py`, run as a script or imported by the tests)."""
