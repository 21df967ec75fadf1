"""Expected status codes per persona, shared by the permission-matrix rows.

The department personas (officer, council, approver, viewer) hold their role on DEPT; the
district ones (officer_a, viewer_a, council_a, approver_a) hold theirs on UNIT_A only: they read
unit A's objects, do not know the department's or unit B's exist (404 where those are scoped by
unit), and are refused the pages that change something for the whole department (403).
"""

DISTRICT = ["officer_a", "viewer_a", "council_a", "approver_a"]
PERSONAS = ["anonymous", "clerk_a", "clerk_b", "officer", "council", "approver", "viewer",
            "superuser", *DISTRICT]  # fmt: skip

ALL_OK = dict.fromkeys(PERSONAS[1:], 200)
# Pages about unit A's objects: clerk_b does not know they exist.
UNIT_A_READ = {**ALL_OK, "clerk_b": 404}
# Objects of the department itself (a council session, a draft decision, a proposal): only the
# roles held on the department see them.
DEPT_READ = {**ALL_OK, "clerk_a": 404, "clerk_b": 404, **dict.fromkeys(DISTRICT, 404)}
READ_ONLY_ROLES = ["council", "approver", "viewer", "council_a", "approver_a", "viewer_a"]
MANAGE_PEOPLE = {**ALL_OK, **dict.fromkeys(READ_ONLY_ROLES, 403)}
UNIT_A_MANAGE = {**MANAGE_PEOPLE, "clerk_b": 404}
# Officers wherever they hold the role: a district officer works within their district.
OFFICERS_ONLY = {**dict.fromkeys(PERSONAS[1:], 403), "officer": 200, "officer_a": 200,
                 "superuser": 200}  # fmt: skip
# What is the same for every unit (the catalogues): officers of the whole department only.
DEPARTMENT_OFFICERS = {**OFFICERS_ONLY, "officer_a": 403}
ADMIN = {**dict.fromkeys(PERSONAS[1:], 302), "superuser": 200}
