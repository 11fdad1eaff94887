// Progressive enhancement only: without this file the form posts and the page reloads.
// With it, the same form is posted with fetch and the same server-rendered
// conversation is swapped in, so the page keeps its place and focus.
(function () {
  "use strict";
  if (!window.fetch || !window.DOMParser || !window.URLSearchParams) return;
  var busy = false;

  function body(form, submitter) {
    var params = new URLSearchParams();
    // The pressed button first: the server reads the first non-empty `text`.
    if (submitter && submitter.name) params.append(submitter.name, submitter.value);
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && field.tagName !== "BUTTON") params.append(field.name, field.value);
    });
    return params;
  }

  function swap(html) {
    var next = new DOMParser().parseFromString(html, "text/html").getElementById("chat");
    var current = document.getElementById("chat");
    if (!next || !current) return false;
    current.replaceWith(next);
    var text = document.getElementById("text");
    var latest = document.getElementById("latest");
    if (latest && latest.scrollIntoView) latest.scrollIntoView({ block: "nearest" });
    if (text) text.focus();
    return true;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-chat")) return;
    event.preventDefault();
    if (busy) return; // a double tap sends once
    busy = true;
    form.setAttribute("aria-busy", "true");
    fetch(form.action, {
      method: "POST",
      body: body(form, event.submitter),
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8" },
    })
      .then(function (response) { return response.text(); })
      .then(function (html) { busy = false; if (!swap(html)) form.submit(); })
      .catch(function () { busy = false; form.removeAttribute("aria-busy"); form.submit(); });
  });

  // Enter sends on a keyboard; Shift+Enter keeps a new line.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (target.id !== "text" || event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    var send = target.form && target.form.querySelector(".send");
    if (send) send.click();
  });
})();
