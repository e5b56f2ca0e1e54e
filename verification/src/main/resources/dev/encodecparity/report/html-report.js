// The report page's only script: sort and filter the rows, open or close every row's plots. The page reads right
// without it (rows already failures first, plots in <details>). A page may hold several runs (demo --html): each
// table of rows works with the controls of its own section.
(function () {
  "use strict";
  function wire(table) {
    var section = table.closest("section");
    var filter = section.querySelector("input.row-filter");
    var verdict = section.querySelector("select.verdict-filter");
    var shown = section.querySelector(".rows-shown");
    function bodies() {
      return Array.prototype.slice.call(table.tBodies);
    }
    function apply() {
      var text = filter.value.trim().toLowerCase();
      var want = verdict.value;
      var n = 0;
      bodies().forEach(function (b) {
        var keep = (!text || b.dataset.text.indexOf(text) >= 0) && (!want || b.dataset.verdict === want);
        b.hidden = !keep;
        n += keep ? 1 : 0;
      });
      shown.textContent = n + " of " + table.tBodies.length + " rows shown";
    }
    filter.addEventListener("input", apply);
    verdict.addEventListener("change", apply);
    table.querySelectorAll("thead button[data-key]").forEach(function (button) {
      button.addEventListener("click", function () {
        var th = button.parentNode;
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("thead th[aria-sort]").forEach(function (h) {
          h.removeAttribute("aria-sort");
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var key = button.dataset.key;
        var number = button.dataset.type === "number";
        var rows = bodies();
        rows.sort(function (a, b) {
          var x = a.dataset[key];
          var y = b.dataset[key];
          var c = number ? Number(x) - Number(y) : x.localeCompare(y);
          if (c !== c) { // NaN: two infinities of one sign are equal
            c = 0;
          }
          if (c === 0) {
            c = Number(a.dataset.index) - Number(b.dataset.index);
          }
          return ascending ? c : -c;
        });
        rows.forEach(function (b) {
          table.appendChild(b);
        });
      });
    });
    section.querySelectorAll("button[data-expand]").forEach(function (button) {
      button.addEventListener("click", function () {
        var open = button.dataset.expand === "open";
        bodies().forEach(function (b) {
          if (!b.hidden) {
            b.querySelectorAll("details").forEach(function (d) {
              d.open = open;
            });
          }
        });
      });
    });
    apply();
  }
  document.querySelectorAll("table.rows").forEach(wire);
})();
