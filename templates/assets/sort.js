// Sortable tables: a column heading becomes a button that sorts the rows by that column,
// so a reader can line up, say, every claim one outlet carries. Without this script each
// table reads in the order it was built (most widely carried first), which is complete.
(function () {
  "use strict";

  // A cell's sort key: its data-sort value, else its text; numbers compare as numbers.
  function key(cell) {
    var raw = cell ? cell.getAttribute("data-sort") : "";
    if (raw === null) {
      raw = cell.textContent.trim();
    }
    var number = parseFloat(raw);
    return isNaN(number) ? { n: false, v: raw.toLowerCase() } : { n: true, v: number };
  }

  function compare(a, b) {
    if (a.n !== b.n) {
      return a.n ? -1 : 1;
    }
    return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
  }

  function enable(table) {
    var body = table.tBodies[0];
    var head = table.tHead && table.tHead.rows[0];
    if (!body || !head) {
      return;
    }
    var original = Array.prototype.slice.call(body.rows);
    Array.prototype.forEach.call(head.cells, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) {
        button.appendChild(th.firstChild);
      }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var keys = original.map(function (row) { return key(row.cells[column]); });
        // Numbers (counts, shares, strengths) sort largest first on the first click.
        var numeric = keys.some(function (k) { return k.n; });
        var current = th.getAttribute("aria-sort");
        var descending = current ? current === "ascending" : numeric;
        var order = original.map(function (row, i) { return i; });
        order.sort(function (i, j) {
          var c = compare(keys[i], keys[j]);
          return (descending ? -c : c) || i - j;
        });
        Array.prototype.forEach.call(head.cells, function (other) {
          other.removeAttribute("aria-sort");
        });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        order.forEach(function (i) { body.appendChild(original[i]); });
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), enable);
})();
