"""The source catalogue: the portals to crawl (``sources.toml``), their cron schedules, and the
URL normalisation both the catalogue and the crawler use. Light enough for the web process."""
