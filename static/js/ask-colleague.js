// "Vraag een collega": keep count of the colleagues ticked. Once as many are ticked as may still
// be asked, the other boxes are disabled and the count says so. Progressive enhancement: without
// this file the server refuses a sixth ask with its own message.
//
// Usage: <fieldset data-ask-limit="5"> with checkboxes, and an element [data-ask-left] inside.
(function () {
  "use strict";

  function enhance(fieldset) {
    var limit = parseInt(fieldset.getAttribute("data-ask-limit"), 10) || 0;
    var status = fieldset.querySelector("[data-ask-left]");
    var boxes = Array.prototype.slice.call(fieldset.querySelectorAll("input[type=checkbox]"));
    if (!limit || !status || !boxes.length) return;
    status.setAttribute("aria-live", "polite");

    function update() {
      var ticked = boxes.filter(function (box) { return box.checked; }).length;
      var left = Math.max(limit - ticked, 0);
      status.textContent = left ? "(nog " + left + " te kiezen)" : "(je hebt er genoeg gekozen)";
      boxes.forEach(function (box) { box.disabled = !box.checked && ticked >= limit; });
    }

    boxes.forEach(function (box) { box.addEventListener("change", update); });
    update();
  }

  document.querySelectorAll("[data-ask-limit]").forEach(enhance);
})();
