"""Hand-up packages and file import/export. Uses core; never Qt."""
