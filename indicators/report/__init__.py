"""The indicator report: the figures rolled up the tree (`rollup`), the rows (`build`), the page
(`page`, `views`), the downloads (`exports`, `xlsx_stream`) and the reports kept between requests
(`memo`). Its year/unit picker (`forms`) and number formats (`formats`) serve the dashboard too."""
