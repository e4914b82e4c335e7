// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Collapsible main menu on narrow screens.
  var toggle = document.querySelector(".nav-toggle");
  var nav = document.getElementById("hoofdmenu");
  if (toggle && nav) {
    toggle.hidden = false;
    var narrow = window.matchMedia("(max-width: 1023.98px)");
    var sync = function () {
      var collapsed = narrow.matches && toggle.getAttribute("aria-expanded") !== "true";
      nav.classList.toggle("is-collapsed", collapsed);
    };
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
      sync();
    });
    narrow.addEventListener("change", sync);
    sync();
  }

  // Ask before destructive actions: <form data-confirm="Weet je het zeker?">
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // Move focus to an error summary or a warning (a focusable alert) so screen-reader and keyboard
  // users hear what to fix and continue from there.
  // After the skip link, the page a form comes back on ends in #inhoud, and the browser focuses
  // <main> as it loads; take the focus back to the alert once that has happened.
  var summary = document.querySelector('[role="alert"][tabindex="-1"]');
  if (summary) {
    summary.focus();
    window.addEventListener("load", function () {
      if (document.activeElement === document.body || document.activeElement.id === "inhoud") {
        summary.focus();
      }
    });
  }
})();
