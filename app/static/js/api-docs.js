// Starts Swagger UI on /api/docs (app/web/api_docs.py) from a file, not an inline script: the
// page keeps the site's Content-Security-Policy. Two repairs of what Swagger UI draws (WCAG 2.1):
// - an operation's toggle has an aria-label ("get /api/v1/…") other than its visible text (path
//   and summary): the label goes, so the visible text is the name (2.5.3 label in name);
// - the scrolling code samples take the keyboard focus, so they can be scrolled (2.1.1).
(function () {
  "use strict";

  function repair(root) {
    Array.prototype.forEach.call(root.querySelectorAll(".opblock-summary-control[aria-label]"), function (button) {
      button.removeAttribute("aria-label");
    });
    Array.prototype.forEach.call(root.querySelectorAll("pre.microlight:not([tabindex])"), function (pre) {
      pre.setAttribute("tabindex", "0");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("swagger-ui");
    if (!root || typeof window.SwaggerUIBundle !== "function") { return; }
    new MutationObserver(function () { repair(root); }).observe(root, {
      subtree: true, childList: true, attributes: true, attributeFilter: ["aria-label"]
    });
    window.SwaggerUIBundle({
      url: root.getAttribute("data-spec-url"),
      domNode: root,
      // No deep links: Swagger UI draws them as a link inside the operation's toggle button, an
      // interactive element inside another (axe nested-interactive).
      deepLinking: false,
      validatorUrl: null  // never send the document to an outside validator
    });
  });
})();
