/* Latih: a double click on a form button sends the form once. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute("hx-post") || form.hasAttribute("hx-get")) return; // htmx guards those
    if (form.dataset.sent === "1") { event.preventDefault(); return; }
    form.dataset.sent = "1";
    var button = event.submitter;
    // Disable after the browser has read the form, so the button's own value is still sent.
    if (button) setTimeout(function () { button.disabled = true; }, 0);
  });
  // After a refused form, take the keyboard (and a screen reader) to the first problem.
  document.addEventListener("DOMContentLoaded", function () {
    var first = document.querySelector("[aria-invalid=true], .errors[role=alert]");
    if (first) {
      if (!first.matches("input, select, textarea")) first.setAttribute("tabindex", "-1");
      first.focus();
    }
  });
  // Coming back with the Back button shows the page as it was left: make it usable again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sent]").forEach(function (form) {
      delete form.dataset.sent;
      form.querySelectorAll("button[disabled]").forEach(function (b) { b.disabled = false; });
    });
  });
})();
