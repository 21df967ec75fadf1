"""Screens for the inputs that eligibility needs: annual ratings, initiatives, holds, award
history, emulation clusters, and their imports.

Permissions (organizations.access.ACTIONS):
- "award.inputs" (clerks and officers) enters ratings and initiatives of their units' people;
- "award.history" (officers) sees and enters holds, imports past awards and clusters;
- everyone with a role reads the initiatives, award history and clusters of what they can see.
A unit outside the user's subtrees is a 404; a visible unit without the role is a 403.
"""
