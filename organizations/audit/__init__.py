"""The audit log: the rows every service writes (`services`), those rows in words (`labels`) and
the page that lists them (`views`, `filters`, `tables`)."""
