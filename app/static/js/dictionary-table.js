// The whole-dictionary table (edit/dictionary.html), enhanced: "Add a row" adds a blank row in
// place instead of posting the table back. Without this script the same button posts the table
// and it comes back with more blank rows; either way one "Save" writes the whole dictionary.
// The new row is a copy of the last one, renumbered (r-<i>-<property>, d-<i>-…), emptied, and its
// first cell gets the focus. No inline handlers (the Content-Security-Policy forbids them).
(function () {
  "use strict";

  var NAMED = ["name", "id", "for", "aria-labelledby", "aria-describedby"];

  function renumber(element, from, to) {
    NAMED.forEach(function (attribute) {
      var value = element.getAttribute(attribute);
      if (value === null) { return; }
      element.setAttribute(attribute, value
        .replace(new RegExp("(^|\\s)r-" + from + "-", "g"), "$1r-" + to + "-")
        .replace(new RegExp("(^|\\s)d-" + from + "-", "g"), "$1d-" + to + "-"));
    });
  }

  function empty(row) {
    Array.prototype.forEach.call(row.querySelectorAll(".error-text"), function (error) { error.remove(); });
    Array.prototype.forEach.call(row.querySelectorAll(".has-error"), function (cell) { cell.classList.remove("has-error"); });
    Array.prototype.forEach.call(row.querySelectorAll("input, select, textarea"), function (control) {
      control.removeAttribute("aria-invalid");
      control.removeAttribute("aria-describedby");
      if (control.type === "checkbox") { control.checked = false; }
      else if (control.tagName === "SELECT") {
        Array.prototype.forEach.call(control.options, function (option) { option.selected = option.value === ""; });
      } else if (!(control.type === "hidden" && control.value === "")) { control.value = ""; }
    });
  }

  function addRow(table, count) {
    var rows = table.tBodies[0].rows;
    var last = rows[rows.length - 1];
    var from = last.getAttribute("data-row");
    var to = String(Number(count.value));
    var row = last.cloneNode(true);
    row.setAttribute("data-row", to);
    renumber(row, from, to);
    Array.prototype.forEach.call(row.querySelectorAll("*"), function (element) { renumber(element, from, to); });
    empty(row);
    var head = row.querySelector("th[scope=row]");
    var original = head.querySelector("input[type=hidden]");
    original.value = "";
    head.textContent = "";
    head.appendChild(original);
    var label = document.createElement("span");
    label.className = "new-row";
    label.textContent = table.getAttribute("data-new-row") + " " + (Number(to) + 1);
    head.appendChild(label);
    table.tBodies[0].appendChild(row);
    count.value = String(Number(to) + 1);
    var first = row.querySelector("td input:not([type=hidden]), td select, td textarea");
    var name = row.querySelector("[name$='-name']");
    (name || first).focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var table = document.getElementById("dictionary-table");
    var count = document.getElementById("dictionary-rows");
    var button = document.getElementById("dictionary-add-row");
    if (!table || !count || !button || !table.tBodies[0].rows.length) { return; }
    button.addEventListener("click", function (event) {
      event.preventDefault();
      addRow(table, count);
    });
  });
})();
