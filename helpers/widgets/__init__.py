"""Interactive demos built on ipywidgets, one module per demo (import the one you need).

Each demo is a function that returns a widget; the drawing is done by a plain function that
tests can call without a browser.
"""
