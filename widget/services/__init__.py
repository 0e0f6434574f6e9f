"""Domain logic: plain functions that views call; they own the transaction."""
