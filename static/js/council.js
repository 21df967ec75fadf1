// The council minutes: a button that opens the browser's print dialog. The page prints the
// same way with Ctrl+P when scripts are off.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-print-page]").forEach((button) => {
    button.addEventListener("click", () => window.print());
  });
});
