// "Vergelijkbare vragen": while someone types a question title, show up to five existing
// questions that look like it. Progressive enhancement: without this file the form is unchanged.
//
// Usage: <input name="title" data-similar-questions="/api/vergelijkbare-vragen">
// (an empty attribute value uses that default URL). Waits for 10 characters and a pause in
// typing, and keeps the current list on screen until the next answer has arrived.
(function () {
  "use strict";

  var MIN_CHARS = 10;
  var PAUSE_MS = 400;
  var DEFAULT_URL = "/api/vergelijkbare-vragen";

  function enhance(input) {
    var url = input.getAttribute("data-similar-questions") || DEFAULT_URL;
    var box = document.createElement("div");
    box.className = "similar-questions";
    box.hidden = true;
    box.setAttribute("aria-live", "polite");
    var heading = document.createElement("p");
    heading.textContent = "Lijkt je vraag op een van deze? Misschien staat het antwoord er al.";
    var list = document.createElement("ul");
    box.appendChild(heading);
    box.appendChild(list);
    input.insertAdjacentElement("afterend", box);

    var timer = null;
    var latest = 0;        // number of the most recent request
    var shownFor = null;   // the title the visible list belongs to
    var controller = null;

    function render(questions) {
      while (list.firstChild) { list.removeChild(list.firstChild); }
      questions.forEach(function (question) {
        var item = document.createElement("li");
        var title;
        if (question.url) {
          title = document.createElement("a");
          title.href = question.url;
          title.target = "_blank";
          title.rel = "noopener";
        } else {
          title = document.createElement("span");
        }
        title.textContent = question.titel;
        item.appendChild(title);
        var meta = document.createElement("span");
        meta.className = "meta";
        var answers = question.antwoorden === 1 ? "1 antwoord" : question.antwoorden + " antwoorden";
        meta.textContent = " · " + (question.beantwoord ? "beantwoord" : answers);
        item.appendChild(meta);
        list.appendChild(item);
      });
      box.hidden = questions.length === 0;
    }

    function lookUp(title) {
      var number = ++latest;
      if (controller && controller.abort) { controller.abort(); }
      controller = window.AbortController ? new window.AbortController() : null;
      var options = { headers: { "Accept": "application/json" }, credentials: "same-origin" };
      if (controller) { options.signal = controller.signal; }
      var separator = url.indexOf("?") === -1 ? "?" : "&";
      window.fetch(url + separator + "titel=" + encodeURIComponent(title), options)
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          // Only the newest answer may replace the list; older ones arrive too late.
          if (!data || number !== latest) { return; }
          shownFor = title;
          render(data.vragen || []);
        })
        .catch(function () { /* keep what is shown; typing again retries */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      var title = input.value.trim();
      if (title.length < MIN_CHARS) {
        latest++;  // an answer still on its way is no longer wanted
        return;    // the current list stays until there is something better to show
      }
      if (title === shownFor) { return; }
      timer = window.setTimeout(function () { lookUp(title); }, PAUSE_MS);
    });
  }

  if (!window.fetch || !document.querySelectorAll) { return; }
  var inputs = document.querySelectorAll("[data-similar-questions]");
  for (var i = 0; i < inputs.length; i++) { enhance(inputs[i]); }
})();
