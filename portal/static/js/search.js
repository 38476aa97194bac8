// Progressive enhancement for /soeg/: a changed filter or sort order updates the results without
// a reload, and the address follows (history.pushState), so the URL stays shareable. Without
// JavaScript the same form works by submitting it. No inline scripts or handlers (CSP-friendly).
// The type-ahead on the search field is typeahead.js.
(function () {
  "use strict";
  var form = document.querySelector("[data-search-form]");
  if (!form) return;
  // The filters sit behind a <details> disclosure ("Filtrér (n valgt)"), closed in the HTML so a
  // phone shows the results first; on a wide screen, with room beside the results, it opens.
  var filters = form.querySelector("[data-search-filters]");
  if (filters && window.matchMedia && window.matchMedia("(min-width: 52.01rem)").matches) {
    filters.open = true;
  }
  if (!window.fetch || !window.DOMParser || !window.history.pushState) return;
  var pending = null;

  function urlFor(data) {
    var params = new URLSearchParams();
    data.forEach(function (value, key) {
      if (value !== "" && !(key === "sort" && value === "relevance")) params.append(key, value);
    });
    var query = params.toString();
    return form.getAttribute("action") + (query ? "?" + query : "");
  }

  function swap(html) {
    var next = new DOMParser().parseFromString(html, "text/html");
    var nextForm = next.querySelector("[data-search-form]");
    var regions = form.querySelectorAll("[data-search-swap]");
    if (!nextForm || !regions.length) return false;
    var focusedId = document.activeElement && document.activeElement.id;
    for (var i = 0; i < regions.length; i++) {
      var name = regions[i].getAttribute("data-search-swap");
      var fresh = nextForm.querySelector('[data-search-swap="' + name + '"]');
      if (!fresh) return false;
      regions[i].innerHTML = fresh.innerHTML;
    }
    // The live region stays in place and only its text changes, so it is announced.
    var status = form.querySelector("#search-status");
    var nextStatus = nextForm.querySelector("#search-status");
    if (status && nextStatus) status.textContent = nextStatus.textContent;
    var q = form.querySelector("#search-q");
    var nextQ = nextForm.querySelector("#search-q");
    if (q && nextQ && q !== document.activeElement) q.value = nextQ.value;
    var sort = form.querySelector("#search-sort");
    var nextSort = nextForm.querySelector("#search-sort");
    if (sort && nextSort) sort.value = nextSort.value;
    document.title = next.title;
    var robots = document.querySelector('meta[name="robots"]');
    var nextRobots = next.querySelector('meta[name="robots"]');
    if (robots && !nextRobots) robots.remove();
    if (!robots && nextRobots) document.head.appendChild(nextRobots);
    hideUpdateButton();
    var focused = focusedId && document.getElementById(focusedId);
    if (focused && focused !== document.activeElement) focused.focus();
    return true;
  }

  function load(url, push) {
    if (pending) pending.abort();
    pending = new AbortController();
    form.setAttribute("aria-busy", "true");
    fetch(url, { signal: pending.signal, headers: { Accept: "text/html" } })
      .then(function (response) {
        // Errors (400, 503) are shown by the full page.
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        if (!swap(html)) throw new Error("unexpected page");
        if (push) window.history.pushState({ search: true }, "", url);
        form.removeAttribute("aria-busy");
      })
      .catch(function (error) {
        if (error.name !== "AbortError") window.location.assign(url);
      });
  }

  function hideUpdateButton() {
    var button = form.querySelector("[data-search-update]");
    if (button) button.hidden = true;
  }

  form.addEventListener("change", function (event) {
    var target = event.target;
    // Controls that belong to another form (form="…", e.g. picking a case to compare) sit
    // among the results but are not part of the search.
    if (target.form !== form) return;
    if (target.type === "checkbox" || target.id === "search-sort") {
      load(urlFor(new FormData(form)), true);
    }
  });
  window.addEventListener("popstate", function () {
    load(window.location.pathname + window.location.search, false);
  });
  hideUpdateButton();
})();
