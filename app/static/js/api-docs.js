// Starts Swagger UI on /api/docs (app/web/api_docs.py) from a file, not an inline script: the
// page keeps the site's Content-Security-Policy.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("swagger-ui");
    if (!root || typeof window.SwaggerUIBundle !== "function") { return; }
    window.SwaggerUIBundle({
      url: root.getAttribute("data-spec-url"),
      domNode: root,
      deepLinking: true,
      validatorUrl: null  // never send the document to an outside validator
    });
  });
})();
