"""Working on maps under version control: formatting (``fmt``), comparing versions
(``diff``) and showing one element (``show``)."""
