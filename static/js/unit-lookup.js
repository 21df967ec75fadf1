// The unit lookup: a text box holding a unit's code (input[data-unit-lookup]) also searches the
// user's units by name as they type, and picking one fills its code in. Without this file the
// box still works: the code, or a part of the name only one unit matches, is submitted as typed.
//
// The box follows the ARIA combobox pattern: arrows move through the suggestions, Enter picks,
// Escape closes. Suggestions come from the JSON of the URL in data-unit-lookup; the messages
// come translated in data-unit-lookup-empty and data-unit-lookup-failed.
"use strict";

(() => {
  const WAIT_MS = 200;
  const MIN_CHARS = 2;
  let counter = 0;

  function setUp(input) {
    counter += 1;
    const listId = `unit-lookup-${counter}`;
    const wrapper = document.createElement("div");
    wrapper.className = "position-relative";
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
      const unit = results[index];
      if (!unit) return;
      input.value = unit.code;
      chosen.textContent = unit.name;
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

    function show(units) {
      results = units;
      active = -1;
      if (!units.length) {
        message(input.dataset.unitLookupEmpty || "");
        return;
      }
      list.replaceChildren();
      units.forEach((unit, index) => {
        const option = document.createElement("li");
        option.id = `${listId}-${index}`;
        option.className = "dropdown-item text-wrap";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        const name = document.createElement("span");
        name.textContent = unit.name;
        const code = document.createElement("small");
        code.className = "text-body-secondary ms-2";
        code.textContent = unit.code;
        option.append(name, " ", code);
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
      const text = input.value.trim();
      if (text.length < MIN_CHARS) {
        close();
        return;
      }
      if (request) request.abort();
      request = new AbortController();
      const url = `${input.dataset.unitLookup}?${new URLSearchParams({ q: text })}`;
      fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: request.signal,
      })
        .then((response) => {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then((data) => {
          if (input.value.trim() === text) show(data.results || []);
        })
        .catch((error) => {
          if (error.name !== "AbortError") message(input.dataset.unitLookupFailed || "");
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
        // Picking a suggestion; the next Enter submits the filter.
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
    document.querySelectorAll("input[data-unit-lookup]").forEach(setUp);
  });
})();
