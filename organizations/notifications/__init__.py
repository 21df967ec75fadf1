"""Notifications: telling a user that something of theirs changed (`services`), and their list
(`views`)."""
