// Sammenlign, progressively enhanced: the "Sammenlign" checkboxes (form="sammenlign-valg")
// work as a plain GET form without this. With it, the tray says how many are chosen, no more
// than four can be ticked, and fewer than two are not submitted. No inline scripts (CSP).
(function () {
  "use strict";
  var MIN = 2;
  var MAX = 4;
  var tray = document.querySelector("[data-compare-tray]");

  function picks() {
    return document.querySelectorAll("[data-compare-pick]");
  }

  function update() {
    if (!tray) return;
    var boxes = picks();
    var chosen = 0;
    for (var i = 0; i < boxes.length; i++) if (boxes[i].checked) chosen++;
    for (var j = 0; j < boxes.length; j++) {
      boxes[j].disabled = !boxes[j].checked && chosen >= MAX;
    }
    tray.classList.toggle("is-active", chosen > 0);
    var status = tray.querySelector("[data-compare-status]");
    if (!status) return;
    var text;
    if (chosen === 0) text = "Vælg 2–4 praksiseksempler, og tryk «Sammenlign valgte».";
    else if (chosen < MIN) text = "1 praksiseksempel valgt. Vælg mindst ét mere.";
    else if (chosen < MAX) text = chosen + " praksiseksempler valgt.";
    else text = MAX + " praksiseksempler valgt, det højeste antal.";
    // Only a real change: the observer below would otherwise see its own edit.
    if (status.textContent !== text) status.textContent = text;
  }

  if (tray) {
    var status = tray.querySelector("[data-compare-status]");
    if (status) status.setAttribute("aria-live", "polite");
    document.addEventListener("change", function (event) {
      if (event.target && event.target.hasAttribute("data-compare-pick")) update();
    });
    tray.addEventListener("submit", function (event) {
      if (document.querySelectorAll("[data-compare-pick]:checked").length < MIN) {
        event.preventDefault();
        update();
      }
    });
    // The search page replaces its results without a reload (search.js): count again.
    new MutationObserver(update).observe(document.body, { childList: true, subtree: true });
    update();
  }

  var print = document.querySelector("[data-compare-print]");
  if (print && window.print) {
    print.hidden = false;
    print.addEventListener("click", function () {
      window.print();
    });
  }
})();
