"""Asks: posting, suggesting helpers, I can help, closing, nudges and expiry."""
