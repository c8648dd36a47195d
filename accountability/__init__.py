"""Accountability checks on archived reports: published on time, complete, stock figures that
carry over from year to year. Each finding names the rule behind it (:mod:`accountability.rules`);
the rules are public (``/rules``)."""
