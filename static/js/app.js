// Progressive enhancements only: every page works without this file.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Language and filter selects submit their form when changed; the button stays for keyboards
  // and for browsers without JavaScript.
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
    select.form.querySelectorAll("[data-autosubmit-button]").forEach((b) => { b.hidden = true; });
  });

  // Expand or collapse every branch of the unit tree at once.
  document.querySelectorAll("[data-tree-toggle]").forEach((button) => {
    button.addEventListener("click", () => {
      const open = button.dataset.treeToggle === "open";
      document.querySelectorAll(".unit-tree details").forEach((node) => {
        node.open = open;
      });
    });
  });
});
