"""The report's inline style sheet and script: everything the page needs, nothing fetched.

The script only adds conveniences (sorting, filtering and paging the figures table, opening
or closing every resource); the page reads the same without it.
"""

CSS = """
:root { --fg: #1d2430; --muted: #5b6573; --line: #d9dee5; --band: #f4f6f9; --accent: #1f5fa8;
  --del-bg: #fde2e1; --del-fg: #8a1c17; --ins-bg: #dcf5e3; --ins-fg: #145c2c; --warn: #8a5a00; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
header.top { background: #17304f; color: #fff; padding: 1rem 2rem; }
header.top h1 { margin: 0 0 .25rem; font-size: 1.5rem; }
header.top p { margin: 0; color: #c9d6e6; }
nav.toc { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--line);
  padding: .5rem 2rem; }
nav.toc ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
nav.toc a { color: var(--accent); text-decoration: none; font-weight: 600; }
main { padding: 0 2rem 3rem; max-width: 1400px; }
section { margin-top: 2rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 .5rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
thead th { background: var(--band); font-weight: 600; }
tbody th[scope=row] { background: #fafbfc; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.muted { color: var(--muted); }
.counts { display: grid; grid-template-columns: repeat(auto-fill, minmax(8rem, 1fr)); gap: .5rem;
  margin: 0 0 1rem; padding: 0; }
.counts div { background: var(--band); border-radius: 6px; padding: .5rem .75rem; }
.counts dt { color: var(--muted); font-size: .85rem; }
.counts dd { margin: 0; font-size: 1.35rem; font-weight: 700; }
del { background: var(--del-bg); color: var(--del-fg); text-decoration: line-through; padding: 0 .1em;
  border-radius: 3px; }
ins { background: var(--ins-bg); color: var(--ins-fg); text-decoration: none; font-weight: 600;
  padding: 0 .1em; border-radius: 3px; }
.badge { display: inline-block; border-radius: 999px; padding: 0 .55em; font-size: .8rem;
  font-weight: 600; background: var(--band); border: 1px solid var(--line); white-space: nowrap; }
.badge.new { background: #fde2e1; border-color: #f3b1ad; color: #8a1c17; }
.badge.known { background: #e6eefb; border-color: #b9cdf0; color: #1f4f8f; }
.badge.unchecked { color: var(--muted); }
.badge.divergent { background: #fff2d6; border-color: #f0d08a; color: var(--warn); }
.pref { font-weight: 600; }
details.resource { border: 1px solid var(--line); border-radius: 6px; margin: .5rem 0; }
details.resource > summary { cursor: pointer; padding: .5rem .75rem; background: var(--band);
  border-radius: 6px; }
details.resource[open] > summary { border-bottom: 1px solid var(--line); border-radius: 6px 6px 0 0; }
details.resource > summary h3 { display: inline; font-size: 1rem; margin: 0; }
details.resource .inner { padding: .5rem .75rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .25rem 0 .75rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
table.sides { table-layout: fixed; }
section, details.resource, tr[id] { scroll-margin-top: 3.5rem; }
table.sides td.side, pre.quarantine { overflow-wrap: anywhere; }
.lines { white-space: nowrap; font-variant-numeric: tabular-nums; }
.reason { font-size: .9rem; }
.detail { display: block; color: var(--muted); font-size: .85rem; }
pre.quarantine { margin: 0; white-space: pre-wrap;
  font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; }
ul.warnings li { color: var(--warn); }
.controls { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin: .5rem 0; }
.controls input, .controls select, .controls button { font: inherit; padding: .2rem .45rem; }
th button.sort { all: unset; cursor: pointer; display: block; width: 100%; }
th button.sort::after { content: " \\2195"; color: var(--muted); font-weight: 400; }
th[aria-sort=ascending] button.sort::after { content: " \\2191"; color: var(--fg); }
th[aria-sort=descending] button.sort::after { content: " \\2193"; color: var(--fg); }
td ul { margin: 0; padding-left: 1.1rem; }
.sentence { font-size: .88rem; color: var(--muted); }
a { color: var(--accent); }
/* A large export's page (body.large): what is off screen is laid out only when scrolled to
   (20 MB export: the page shows in 1.6 s instead of 10 s). */
body.large details.resource { content-visibility: auto; contain-intrinsic-size: auto 3rem; }
body.large section#people, body.large section#figures { content-visibility: auto;
  contain-intrinsic-size: auto 2000px; }
@media print { nav.toc, .controls { display: none; } details.resource { break-inside: avoid; } }
"""

# Sorting and filtering work on the rows of `table.figures`; a row's cell may carry
# data-sort (the number behind "3,5 M€"). Paging shows PAGE rows of the filtered list.
JS = """
(function () {
  "use strict";
  var PAGE = 500;
  document.querySelectorAll("[data-js-only]").forEach(function (el) { el.hidden = false; });
  var toggle = function (open) {
    document.querySelectorAll("details.resource").forEach(function (d) { d.open = open; });
  };
  var openAll = document.getElementById("open-all"), closeAll = document.getElementById("close-all");
  if (openAll) { openAll.addEventListener("click", function () { toggle(true); }); }
  if (closeAll) { closeAll.addEventListener("click", function () { toggle(false); }); }
  var onlyDivergent = document.getElementById("only-divergent");
  if (onlyDivergent) {
    onlyDivergent.addEventListener("change", function () {
      document.querySelectorAll("details.resource").forEach(function (d) {
        d.hidden = onlyDivergent.checked && d.dataset.divergent !== "yes";
      });
    });
  }
  var table = document.querySelector("table.figures");
  if (!table) { return; }
  var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
  var text = document.getElementById("figure-filter"), unit = document.getElementById("figure-unit");
  var more = document.getElementById("figure-more"), shownCount = document.getElementById("figure-count");
  var limit = PAGE, matching = rows;
  var key = function (row, index) {
    var cell = row.cells[index];
    return cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
  };
  var render = function () {
    matching.forEach(function (row, i) { row.hidden = i >= limit; });
    shownCount.textContent = Math.min(limit, matching.length) + " of " + matching.length +
      " figure(s) shown (" + rows.length + " in all)";
    more.hidden = matching.length <= limit;
  };
  var filter = function () {
    var words = text.value.toLocaleLowerCase().split(/\\s+/).filter(Boolean), chosen = unit.value;
    matching = [];
    rows.forEach(function (row) {
      var haystack = row.textContent.toLocaleLowerCase();
      var ok = (!chosen || row.dataset.unit === chosen) &&
        words.every(function (w) { return haystack.indexOf(w) >= 0; });
      if (ok) { matching.push(row); } else { row.hidden = true; }
    });
    limit = PAGE;
    render();
  };
  text.addEventListener("input", filter);
  unit.addEventListener("change", filter);
  more.addEventListener("click", function () { limit += PAGE; render(); });
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
    var label = th.textContent, button = document.createElement("button");
    button.type = "button"; button.className = "sort"; button.textContent = label;
    button.setAttribute("aria-label", "sort by " + label);
    th.textContent = ""; th.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) {
        c.removeAttribute("aria-sort");
      });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var numeric = th.classList.contains("num");
      rows.sort(function (a, b) {
        var x = key(a, index), y = key(b, index), order;
        if (numeric) { order = (parseFloat(x) || 0) - (parseFloat(y) || 0); }
        else { order = x.localeCompare(y, "fr", { sensitivity: "base", numeric: true }); }
        return ascending ? order : -order;
      });
      var fresh = document.createElement("tbody");  // rows moved while detached: one layout
      rows.forEach(function (row) { fresh.appendChild(row); });
      table.replaceChild(fresh, body);
      body = fresh;
      filter();
    });
  });
  filter();
})();
"""
