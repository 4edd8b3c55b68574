"""Conflict profiles and the world layer beneath them."""
