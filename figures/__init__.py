"""The figures of a report: every cell of its three statistics tables, the sums readers quote
(不予公开, 无法提供 …) and the rates built on them, each defined once with its Chinese label and
formula. The index, the query language, the portal and the exports all take them from here."""
