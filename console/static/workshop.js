// Keyboard navigation for the quote wall. The page works without this file:
// every key below mirrors a plain link.
(function () {
  "use strict";
  function follow(id) {
    var link = document.getElementById(id);
    if (link) { window.location.href = link.href; }
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var target = event.target;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA")) { return; }
    if (event.key === "ArrowRight" || event.key === "PageDown" || event.key === " ") {
      event.preventDefault(); follow("next");
    } else if (event.key === "ArrowLeft" || event.key === "PageUp") {
      event.preventDefault(); follow("prev");
    } else if (event.key === "g" || event.key === "G") {
      follow("grid");
    } else if ((event.key === "f" || event.key === "F") && document.documentElement.requestFullscreen) {
      if (document.fullscreenElement) { document.exitFullscreen(); }
      else { document.documentElement.requestFullscreen(); }
    }
  });
})();
