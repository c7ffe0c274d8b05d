// Small enhancements of the catalog's pages; every page works without them.
// - Suggestions as you type: inputs with data-suggest fill their <datalist> from the API.
// (Facet boxes are applied by their button, not on every tick: WCAG 3.2.2, no change of context
// on input.)
// No inline handlers anywhere (the Content-Security-Policy forbids them).
(function () {
  "use strict";

  function suggestions(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var url = input.getAttribute("data-suggest");
    if (!list || !url) { return; }
    var timer = null;
    var last = "";
    var controller = null;

    function fill(items) {
      list.textContent = "";
      items.slice(0, 8).forEach(function (item) {
        var text = typeof item === "string" ? item : (item.text || item.title || "");
        if (!text) { return; }
        var option = document.createElement("option");
        option.value = text;
        list.appendChild(option);
      });
    }

    input.addEventListener("input", function () {
      var prefix = input.value.trim();
      if (prefix.length < 2 || prefix === last) { return; }
      last = prefix;
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (controller) { controller.abort(); }
        controller = typeof AbortController === "function" ? new AbortController() : null;
        var query = url + (url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(prefix);
        fetch(query, { headers: { Accept: "application/json" }, signal: controller ? controller.signal : undefined })
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (body) {
            var items = Array.isArray(body) ? body : (body.suggestions || body.items || []);
            fill(items);
          })
          .catch(function () { /* suggestions are optional: typing and searching go on */ });
      }, 180);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest][list]"), suggestions);
  });
})();
