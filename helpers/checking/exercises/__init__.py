"""One module per chapter, each with ``EXERCISES``: the public check specification of its exercises."""
