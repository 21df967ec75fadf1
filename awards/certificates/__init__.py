"""Certificates (Bằng khen, Giấy khen, …) of granted awards: the register (sổ vàng) numbering,
the printable page in full design or overprint on pre-printed blanks, and the public QR check."""
