"""Accounts: signing in, the throttled password reset, the interface language kept on the
account (`language`) and the cheapest signed-in page (the ceiling of `make bench`)."""
