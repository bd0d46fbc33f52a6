/* Filters and printing for the PathAudit report: no server, no library. Without JavaScript the
   report still shows everything (the filter form stays hidden). */
(function () {
  "use strict";

  function tokens(el, name) {
    var value = el.getAttribute(name);
    return value ? value.split(" ") : [];
  }

  var form = document.getElementById("filters");
  var paths = Array.prototype.slice.call(document.querySelectorAll("details.path"));
  var nodes = Array.prototype.slice.call(document.querySelectorAll("#tree li.node")).reverse();
  var units = Array.prototype.slice.call(document.querySelectorAll("section.unit"));
  var siteFindings = Array.prototype.slice.call(document.querySelectorAll("#site-findings > li.finding"));
  var counter = document.getElementById("filter-count");

  function applyFilters() {
    var statuses = Array.prototype.slice.call(form.querySelectorAll("input[name=status]"))
      .filter(function (box) { return box.checked; })
      .map(function (box) { return box.value; });
    var unit = form.elements.unit.value;
    var kind = form.elements.kind.value;
    var shown = 0;

    paths.forEach(function (path) {
      var match = statuses.indexOf(path.getAttribute("data-state")) >= 0
        && (!unit || tokens(path, "data-units").indexOf(unit) >= 0)
        && (!kind || tokens(path, "data-kinds").indexOf(kind) >= 0);
      path.classList.toggle("nomatch", !match);
      if (match) { shown += 1; }
    });
    // deepest first: a node stays visible while any path in it (or below it) matches
    nodes.forEach(function (node) {
      node.hidden = !node.querySelector("details.path:not(.nomatch)");
    });

    units.forEach(function (section) {
      var anyRow = false;
      section.querySelectorAll("tbody tr").forEach(function (row) {
        var rowMatch = !kind || row.getAttribute("data-kind") === kind;
        row.hidden = !rowMatch;
        anyRow = anyRow || rowMatch;
      });
      section.hidden = !anyRow || (unit !== "" && section.getAttribute("data-unit") !== unit);
    });
    siteFindings.forEach(function (item) {
      item.hidden = !!kind && item.getAttribute("data-kind") !== kind;
    });

    if (counter) {
      counter.textContent = counter.getAttribute("data-label") + " " + shown + " / " + paths.length;
    }
  }

  if (form) {
    form.hidden = false;
    form.addEventListener("change", applyFilters);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(applyFilters, 0); });
    applyFilters();
  }

  function clearPrintMarks() {
    document.body.classList.remove("print-one", "print-all");
    document.querySelectorAll("section.unit.print-target").forEach(function (section) {
      section.classList.remove("print-target");
    });
  }

  document.querySelectorAll("button.print-unit").forEach(function (button) {
    button.addEventListener("click", function () {
      clearPrintMarks();
      var section = button.closest("section.unit");
      section.hidden = false;
      section.classList.add("print-target");
      document.body.classList.add("print-one");
      window.print();
    });
  });

  var printAll = document.getElementById("print-all");
  if (printAll) {
    printAll.addEventListener("click", function () {
      clearPrintMarks();
      document.body.classList.add("print-all");
      window.print();
    });
  }
  window.addEventListener("afterprint", clearPrintMarks);

  // a node of the column tree (or a count tile) leads to its card: open it there
  function openTarget() {
    var target = window.location.hash ? document.getElementById(window.location.hash.slice(1)) : null;
    if (target && target.tagName === "DETAILS") {
      target.open = true;
    }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
