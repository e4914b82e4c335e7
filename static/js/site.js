// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Collapsible main menu on narrow screens.
  var toggle = document.querySelector(".nav-toggle");
  var nav = document.getElementById("hoofdmenu");
  if (toggle && nav) {
    toggle.hidden = false;
    var narrow = window.matchMedia("(max-width: 820px)");
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

  // Move focus to an error summary so screen-reader users hear what to fix.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
})();
