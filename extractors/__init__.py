"""PDF to figures: reading, layout, sentences, Japanese numerals and the figures a report states."""
