// Progressive enhancements only: every page works without this file.
//
// Selects never submit their form on change: with a keyboard, the first arrow press would
// navigate away (WCAG 3.2.2). Filters and pickers keep an explicit button instead.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
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
