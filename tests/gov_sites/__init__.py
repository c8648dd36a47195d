"""Local government portal sites (not the Nianbao portal) for the crawler tests, served on 127.0.0.1
by threaded servers."""
