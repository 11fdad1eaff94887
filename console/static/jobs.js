// Progress of a background import or export without reloading the page; without
// JavaScript the page refreshes itself instead (a <noscript> meta refresh).
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box || box.dataset.finished === "yes") return;
  var url = box.dataset.progress;
  function set(id, value) {
    var el = document.getElementById(id);
    if (el) el.textContent = String(value);
  }
  function poll() {
    fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (p) {
        if (p.finished) { window.location.reload(); return; }
        set("job-done", p.done);
        set("job-total", p.total);
        set("job-stored", p.stored);
        set("job-rejected", p.rejected);
        var bar = document.getElementById("job-bar");
        if (bar) { bar.value = p.percent; bar.textContent = p.percent + "%"; }
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
