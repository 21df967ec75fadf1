// The unit and person lookups: a text box holding a unit's code (input[data-unit-lookup]) or a
// person's staff number (input[data-person-lookup]) also searches the user's units or people by
// name as they type, and picking one fills its code in. Without this file the box still works:
// the code, or a part of the name only one of them matches, is submitted as typed.
//
// A box with data-<kind>-lookup-multiple holds several codes separated by commas: the search
// is the part after the last comma, and picking replaces it.
//
// The box follows the ARIA combobox pattern: arrows move through the suggestions, Enter picks,
// Escape closes. Suggestions come from the JSON ({results: [{id, code, name, unit?}]}) of the URL
// in data-<kind>-lookup; the messages come translated in data-<kind>-lookup-empty and
// data-<kind>-lookup-failed.
"use strict";

(() => {
  const WAIT_MS = 200;
  const MIN_CHARS = 2;
  const KINDS = ["unit", "person"];
  const SEPARATORS = [",", ";", "\n"];
  let counter = 0;

  // "Xã Lũng Cú UNIT-A1" for a unit; "Lò Thị Mai (NV001) — Xã Lũng Cú" for a person.
  function details(row) {
    return row.unit ? `(${row.code}) — ${row.unit}` : row.code;
  }

  function setUp(input, kind) {
    counter += 1;
    const listId = `lookup-${counter}`;
    const data = (suffix) => input.dataset[`${kind}Lookup${suffix}`] || "";
    const multiple = input.hasAttribute(`data-${kind}-lookup-multiple`);
    const wrapper = document.createElement("div");
    wrapper.className = "position-relative";
    // Bootstrap shows an error (.invalid-feedback) only beside an .is-invalid element: the box
    // was that element until it moved into the wrapper.
    if (input.classList.contains("is-invalid")) wrapper.classList.add("is-invalid");
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);

    const list = document.createElement("ul");
    list.id = listId;
    list.className = "dropdown-menu w-100";
    list.setAttribute("role", "listbox");
    wrapper.appendChild(list);

    const chosen = document.createElement("div");
    chosen.className = "form-text";
    chosen.setAttribute("aria-live", "polite");
    wrapper.appendChild(chosen);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    // Where the code being typed starts: after the last separator of a multiple box.
    function start() {
      if (!multiple) return 0;
      return Math.max(...SEPARATORS.map((separator) => input.value.lastIndexOf(separator))) + 1;
    }

    function typed() {
      return input.value.slice(start()).trim();
    }

    let results = [];
    let active = -1;
    let timer = null;
    let request = null;

    function close() {
      list.classList.remove("show");
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function message(text) {
      list.replaceChildren();
      const item = document.createElement("li");
      item.className = "dropdown-item-text text-body-secondary";
      item.textContent = text;
      list.appendChild(item);
      list.classList.add("show");
      input.setAttribute("aria-expanded", "true");
    }

    function pick(index) {
      const row = results[index];
      if (!row) return;
      const head = input.value.slice(0, start());
      input.value = multiple ? `${head.trimEnd()}${head ? " " : ""}${row.code}, ` : row.code;
      chosen.textContent = row.unit ? `${row.name} — ${row.unit}` : row.name;
      close();
    }

    function highlight(index) {
      const options = list.querySelectorAll("[role=option]");
      if (!options.length) return;
      active = (index + options.length) % options.length;
      options.forEach((option, i) => {
        const on = i === active;
        option.classList.toggle("active", on);
        option.setAttribute("aria-selected", on ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    function show(rows) {
      results = rows;
      active = -1;
      if (!rows.length) {
        message(data("Empty"));
        return;
      }
      list.replaceChildren();
      rows.forEach((row, index) => {
        const option = document.createElement("li");
        option.id = `${listId}-${index}`;
        option.className = "dropdown-item text-wrap";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        const name = document.createElement("span");
        name.textContent = row.name;
        const more = document.createElement("small");
        more.className = "text-body-secondary ms-2";
        more.textContent = details(row);
        option.append(name, " ", more);
        // mousedown, not click: it comes before the box loses focus and closes the list.
        option.addEventListener("mousedown", (event) => {
          event.preventDefault();
          pick(index);
        });
        list.appendChild(option);
      });
      list.classList.add("show");
      input.setAttribute("aria-expanded", "true");
    }

    function search() {
      const text = typed();
      if (text.length < MIN_CHARS) {
        close();
        return;
      }
      if (request) request.abort();
      request = new AbortController();
      const url = new URL(data(""), window.location.href);
      url.searchParams.set("q", text);
      fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: request.signal,
      })
        .then((response) => {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then((answer) => {
          if (typed() === text) show(answer.results || []);
        })
        .catch((error) => {
          if (error.name !== "AbortError") message(data("Failed"));
        });
    }

    input.addEventListener("input", () => {
      chosen.textContent = "";
      clearTimeout(timer);
      timer = setTimeout(search, WAIT_MS);
    });
    input.addEventListener("keydown", (event) => {
      const open = list.classList.contains("show");
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!open) {
          search();
          return;
        }
        event.preventDefault();
        highlight(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter" && open && active >= 0) {
        // Picking a suggestion; the next Enter submits the form.
        event.preventDefault();
        pick(active);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  document.addEventListener("DOMContentLoaded", () => {
    KINDS.forEach((kind) => {
      document
        .querySelectorAll(`input[data-${kind}-lookup]`)
        .forEach((input) => setUp(input, kind));
    });
  });
})();
