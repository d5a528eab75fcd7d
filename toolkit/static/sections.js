// A document section's box ([data-section-box]) is replaced only by its own fragment: an error
// page, a login page or no answer at all would take the typed text with it, so those leave the
// box as it is and show its "could not save" line. A file, not hx-on: the pages run no inline code.
(function () {
  "use strict";
  function failed(event) {
    var form = event.detail.elt;
    if (!form || !form.matches || !form.matches("[data-section-form]")) return;
    var box = form.closest("[data-section-box]");
    var line = box && box.querySelector("[data-save-failed]");
    if (line) line.hidden = false;
  }
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (!target || !target.matches || !target.matches("[data-section-box]")) return;
    if (event.detail.serverResponse.indexOf("data-section-form") === -1) {
      event.detail.shouldSwap = false;
      event.detail.isError = true;
    }
  });
  document.addEventListener("htmx:responseError", failed);
  document.addEventListener("htmx:sendError", failed);
})();
