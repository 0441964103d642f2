"""The framework as data: Towell's six strands, the 15 paired questions, in en/es."""
