"""The crawler: fetch reports from government portals, then archive them (parse → store → index)."""
