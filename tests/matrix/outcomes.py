"""Expected status codes per persona, shared by the permission-matrix rows."""

PERSONAS = ["anonymous", "clerk_a", "clerk_b", "officer", "council", "approver", "viewer",
            "superuser"]  # fmt: skip

ALL_OK = dict.fromkeys(PERSONAS[1:], 200)
# Pages about unit A's objects: clerk_b does not know they exist.
UNIT_A_READ = {**ALL_OK, "clerk_b": 404}
MANAGE_PEOPLE = {**ALL_OK, "council": 403, "approver": 403, "viewer": 403}
UNIT_A_MANAGE = {**MANAGE_PEOPLE, "clerk_b": 404}
OFFICERS_ONLY = {**dict.fromkeys(PERSONAS[1:], 403), "officer": 200, "superuser": 200}
ADMIN = {**dict.fromkeys(PERSONAS[1:], 302), "superuser": 200}
