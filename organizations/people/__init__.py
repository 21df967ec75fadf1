"""The people of the units: their list, their page, adding and editing them."""
