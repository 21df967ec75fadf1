// Keyboard help for the data-entry grid. The grid works without it: Tab moves through the
// cells and Enter saves; with it, Enter moves to the same column in the next row (as in a
// spreadsheet) and Ctrl+Enter (Cmd+Enter on a Mac) saves.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("entry-grid");
  if (!form) {
    return;
  }
  const rows = Array.from(form.querySelectorAll("tr[data-row]"));

  const cellBelow = (input, step) => {
    const row = input.closest("tr[data-row]");
    const column = input.dataset.col;
    for (let i = rows.indexOf(row) + step; i >= 0 && i < rows.length; i += step) {
      const target = rows[i].querySelector(`[data-col="${column}"]:not([disabled])`);
      if (target) {
        return target;
      }
    }
    return null;
  };

  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.isComposing) {
      return;
    }
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      form.requestSubmit();
      return;
    }
    const input = event.target;
    if (!input.matches("input[data-col]")) {
      return;
    }
    event.preventDefault();
    const next = cellBelow(input, event.shiftKey ? -1 : 1);
    if (next) {
      next.focus();
      next.select();
    } else if (!event.shiftKey) {
      document.getElementById("entry-save")?.focus();
    }
  });

  // Put the cursor in the first cell that needs correcting after a refused save.
  const invalid = form.querySelector(".is-invalid");
  if (invalid) {
    invalid.focus();
    invalid.select();
  }
});
