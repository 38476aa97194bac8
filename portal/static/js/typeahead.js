// Type-ahead on the search fields (input[data-typeahead] and the header's search field):
// suggestions from /api/search/suggest/ as you type, grouped by kind (Metode, Praksiseksempel,
// Erfa-gruppe, Kommune). It follows the WAI-ARIA 1.2 combobox pattern with list autocomplete
// and no automatic selection: the input keeps focus, aria-activedescendant points at the
// highlighted option, ArrowDown/ArrowUp move, Enter on an option goes to its page, Escape closes.
// Without JavaScript the fields are plain search forms. No inline scripts, handlers or styles (CSP).
(function () {
  "use strict";
  if (!window.fetch || !window.JSON) return;

  var ENDPOINT = "/api/search/suggest/";
  var DELAY = 150; // ms after the last key press
  var MIN_LENGTH = 2;
  var KINDS = [
    ["method", "Metode"],
    ["case", "Praksiseksempel"],
    ["erfa_group", "Erfa-gruppe"],
    ["municipality", "Kommune"],
  ];
  var OTHER = "Andet";

  function normalise(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  function localUrl(url) {
    // Only the portal's own pages: a path, never another origin.
    return typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/";
  }

  function enhance(input, number) {
    if (input.getAttribute("role") === "combobox") return;
    if (!input.id) input.id = "typeahead-" + number;
    var listId = input.id + "-forslag";
    var list = document.createElement("div");
    list.id = listId;
    list.className = "typeahead-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Forslag");
    list.hidden = true;
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");
    input.parentNode.insertBefore(list, input.nextSibling);
    input.parentNode.appendChild(status);

    var options = [];
    var active = -1;
    var timer = null;
    var pending = null;
    var shownFor = null;
    var cache = {};

    function open() {
      if (!options.length) return;
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function isOpen() {
      return !list.hidden;
    }

    function setActive(index) {
      if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
      active = index;
      if (active >= 0 && options[active]) {
        options[active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[active].id);
        if (options[active].scrollIntoView) options[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function go(option) {
      var url = option.getAttribute("data-url");
      if (localUrl(url)) window.location.assign(url);
    }

    function render(text, suggestions) {
      list.textContent = "";
      options = [];
      active = -1;
      input.removeAttribute("aria-activedescendant");
      shownFor = text;
      var seen = {};
      var groups = {};
      var order = [];
      suggestions.forEach(function (item) {
        if (!item || !localUrl(item.url) || seen[item.url]) return;
        seen[item.url] = true;
        var kind = item.kind;
        if (!groups[kind]) {
          groups[kind] = [];
          order.push(kind);
        }
        groups[kind].push(item);
      });
      var kinds = KINDS.map(function (pair) {
        return pair[0];
      });
      order.sort(function (a, b) {
        var ia = kinds.indexOf(a);
        var ib = kinds.indexOf(b);
        return (ia < 0 ? kinds.length : ia) - (ib < 0 ? kinds.length : ib);
      });
      order.forEach(function (kind, groupIndex) {
        var labelText = OTHER;
        KINDS.forEach(function (pair) {
          if (pair[0] === kind) labelText = pair[1];
        });
        var group = document.createElement("div");
        group.setAttribute("role", "group");
        group.className = "typeahead-group";
        var label = document.createElement("div");
        label.setAttribute("role", "presentation");
        label.className = "typeahead-group-label";
        label.id = listId + "-gruppe-" + groupIndex;
        label.textContent = labelText;
        group.setAttribute("aria-labelledby", label.id);
        group.appendChild(label);
        groups[kind].forEach(function (item) {
          var option = document.createElement("div");
          option.setAttribute("role", "option");
          option.setAttribute("aria-selected", "false");
          option.id = listId + "-" + options.length;
          option.className = "typeahead-option";
          option.setAttribute("data-url", item.url);
          option.setAttribute("data-kind", kind);
          option.textContent = item.label;
          group.appendChild(option);
          options.push(option);
        });
        list.appendChild(group);
      });
      if (options.length) {
        status.textContent =
          options.length + " forslag. Brug pil ned og op for at vælge, Enter for at åbne.";
        if (document.activeElement === input) open();
      } else {
        status.textContent = "Ingen forslag.";
        close();
      }
    }

    function fetchSuggestions(text) {
      if (cache[text]) {
        render(text, cache[text]);
        return;
      }
      if (pending && pending.abort) pending.abort();
      pending = window.AbortController ? new AbortController() : null;
      fetch(ENDPOINT + "?q=" + encodeURIComponent(text), {
        headers: { Accept: "application/json" },
        signal: pending ? pending.signal : undefined,
      })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (data) {
          var suggestions = (data && data.suggestions) || [];
          cache[text] = suggestions;
          // Only the answer for what the field holds now.
          if (normalise(input.value) === text) render(text, suggestions);
        })
        .catch(function () {
          // No suggestions is fine: the form still searches.
        });
    }

    input.addEventListener("input", function () {
      var text = normalise(input.value);
      window.clearTimeout(timer);
      if (text.length < MIN_LENGTH) {
        if (pending && pending.abort) pending.abort();
        shownFor = null;
        options = [];
        list.textContent = "";
        status.textContent = "";
        close();
        return;
      }
      timer = window.setTimeout(function () {
        fetchSuggestions(text);
      }, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      if (event.altKey && event.key !== "ArrowDown") return;
      switch (event.key) {
        case "ArrowDown":
          if (!options.length || shownFor !== normalise(input.value)) return;
          event.preventDefault();
          if (!isOpen()) {
            open();
            if (!event.altKey) setActive(0);
          } else {
            setActive(active + 1 < options.length ? active + 1 : 0);
          }
          break;
        case "ArrowUp":
          if (!isOpen()) return;
          event.preventDefault();
          setActive(active > 0 ? active - 1 : options.length - 1);
          break;
        case "Enter":
          if (isOpen() && active >= 0) {
            event.preventDefault();
            go(options[active]);
          } else {
            close();
          }
          break;
        case "Escape":
          if (isOpen()) {
            event.preventDefault();
            close();
          }
          break;
        case "Tab":
          close();
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", function () {
      close();
    });
    input.addEventListener("focus", function () {
      if (options.length && shownFor === normalise(input.value)) open();
    });
    // The input keeps focus while the pointer is on the list, so a click picks the option.
    list.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    list.addEventListener("click", function (event) {
      var option = event.target.closest ? event.target.closest("[role=option]") : null;
      if (option) go(option);
    });
    list.addEventListener("mousemove", function (event) {
      var option = event.target.closest ? event.target.closest("[role=option]") : null;
      var index = options.indexOf(option);
      if (index >= 0 && index !== active) setActive(index);
    });
  }

  var inputs = document.querySelectorAll("input[data-typeahead], .header-search input[name=q]");
  for (var i = 0; i < inputs.length; i++) enhance(inputs[i], i + 1);
})();
