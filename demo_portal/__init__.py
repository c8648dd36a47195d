"""A demo government portal publishing the five seed reports (for `make demo` and tests)."""
