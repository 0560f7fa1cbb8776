"""Plotting helpers, one module per topic (import the module you need).

Every function draws on a given ``ax`` (or a new figure), labels what it draws, and returns the
Axes/Figure so notebooks can add to it. None of them calls ``plt.show()``.
"""
