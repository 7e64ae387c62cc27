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

/* Refused in-page (htmx) actions are shown in place and announced. A view's own fragment
 * (the form again, with its message) is swapped in like any answer: the htmx-config meta
 * in base.html swaps 4xx answers, which htmx would otherwise drop silently. A bare error
 * (errors/_inline.html), a whole error page, a server failure or a lost connection becomes
 * one alert just before the element that asked, in place of any earlier one. */
(function () {
  "use strict";
  function fallback(key) {
    var texts = document.getElementById("request-errors");
    var node = texts && texts.content.querySelector('[data-status="' + key + '"]');
    return node ? node.textContent.trim() : "";
  }
  function focus(node) {
    if (!node.matches("a, button, input, select, textarea")) node.setAttribute("tabindex", "-1");
    node.focus();
  }
  function alertBefore(elt, message) {
    if (!elt || !elt.parentNode) return;
    var note = elt.previousElementSibling;
    if (!note || !note.hasAttribute("data-request-error")) {
      note = document.createElement("p");
      note.className = "msg msg--error";
      note.setAttribute("role", "alert");
      note.setAttribute("data-request-error", "");
      elt.parentNode.insertBefore(note, elt);
    }
    note.textContent = message;
    focus(note);
  }
  function clearBefore(elt) {
    var note = elt && elt.previousElementSibling;
    if (note && note.hasAttribute("data-request-error")) note.remove();
  }
  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail, status = detail.xhr.status, elt = detail.requestConfig.elt;
    if (status < 400) { clearBefore(elt); return; }
    var text = detail.xhr.responseText || "";
    // Parsed, never run: DOMParser documents execute no script.
    var doc = new DOMParser().parseFromString(text, "text/html");
    var whole = /^\s*(<!doctype|<html)/i.test(text);
    var only = doc.body.children.length === 1 ? doc.body.firstElementChild : null;
    var bare = only && only.hasAttribute("data-error");
    if (status < 500 && text.trim() && !whole && !bare) return; // the view's own fragment
    detail.shouldSwap = false;
    var said = doc.body.querySelector("[data-error], [role=alert], .msg--error");
    var key = status >= 500 ? "5xx" : status === 403 || status === 404 ? String(status) : "4xx";
    alertBefore(elt, (said && said.textContent.trim()) || fallback(key));
  });
  // A refusal swapped in with its form: the keyboard (and a screen reader) goes to it.
  document.addEventListener("htmx:afterSwap", function (event) {
    var detail = event.detail;
    if (!detail.xhr || detail.xhr.status < 400 || detail.xhr.latihFocused) return;
    var node = event.target.matches("[role=alert]") ? event.target : event.target.querySelector("[role=alert]");
    if (!node) return;
    detail.xhr.latihFocused = true;
    focus(node);
  });
  document.addEventListener("htmx:sendError", function (event) {
    alertBefore(event.detail.requestConfig.elt, fallback("offline"));
  });
})();
