// @mentions: while someone types "@" and part of a colleague's name in a textarea, offer up to
// eight members; choosing one writes "@[Naam](lid:12)", which the site shows as a link to the
// profile and which tells that colleague. Progressive enhancement: without this file the
// textarea is a plain textarea and "@Naam" stays plain text.
//
// Usage: <textarea data-mentions="/leden/noemen"> (empty value: that default URL).
// Keyboard: type @ and two letters, Arrow down/up to move through the list, Enter or Tab to
// choose, Escape to close. ARIA: the textarea keeps its textbox role (a textarea may not be a
// combobox) and gets aria-autocomplete="list", aria-controls and aria-activedescendant pointing
// at a role="listbox"; a polite status says how many were found.
(function () {
  "use strict";

  var DEFAULT_URL = "/leden/noemen";
  var PAUSE_MS = 200;
  // "@" at the start or after a space, then 2 to 40 characters without "@", brackets or newline.
  var QUERY = /(^|\s)@([^\s@\[\]()][^@\n\[\]()]{1,39})$/;
  var counter = 0;

  function enhance(textarea) {
    var url = textarea.getAttribute("data-mentions") || DEFAULT_URL;
    var id = (textarea.id || "tekst-" + (++counter)) + "-leden";
    var list = document.createElement("ul");
    list.id = id;
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Collega's om te noemen");
    list.hidden = true;
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    textarea.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);
    textarea.setAttribute("aria-autocomplete", "list");
    textarea.setAttribute("aria-controls", id);

    var members = [];
    var active = -1;
    var start = -1;   // where the "@" of the current query is
    var timer = null;
    var latest = 0;

    function close() {
      list.hidden = true;
      members = [];
      active = -1;
      textarea.removeAttribute("aria-activedescendant");
      while (list.firstChild) { list.removeChild(list.firstChild); }
    }

    function setActive(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index >= 0) {
        textarea.setAttribute("aria-activedescendant", id + "-" + index);
      } else {
        textarea.removeAttribute("aria-activedescendant");
      }
    }

    function render(found) {
      close();
      members = found;
      found.forEach(function (member, i) {
        var option = document.createElement("li");
        option.id = id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = member.naam;
        if (member.organisatie) {
          var organisation = document.createElement("span");
          organisation.className = "mention-organisation";
          organisation.textContent = " · " + member.organisatie;
          option.appendChild(organisation);
        }
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();  // keep the focus in the textarea
          choose(i);
        });
        list.appendChild(option);
      });
      list.hidden = found.length === 0;
      status.textContent = found.length === 0
        ? "Geen collega gevonden met die naam."
        : (found.length === 1 ? "1 collega gevonden" : found.length + " collega's gevonden")
          + ". Kies met pijltje omlaag en Enter.";
    }

    function choose(index) {
      var member = members[index];
      if (!member || start < 0) { return; }
      var name = member.naam.replace(/[\[\]\n]/g, " ");
      var text = "@[" + name + "](lid:" + member.id + ") ";
      var caret = textarea.selectionStart;
      textarea.value = textarea.value.slice(0, start) + text + textarea.value.slice(caret);
      var after = start + text.length;
      textarea.setSelectionRange(after, after);
      close();
      status.textContent = member.naam + " wordt genoemd.";
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }

    function lookUp() {
      var before = textarea.value.slice(0, textarea.selectionStart);
      var match = QUERY.exec(before);
      if (!match || textarea.selectionStart !== textarea.selectionEnd) {
        start = -1;
        close();
        return;
      }
      start = before.length - match[2].length - 1;
      var query = match[2];
      var number = ++latest;
      clearTimeout(timer);
      timer = setTimeout(function () {
        fetch(url + "?q=" + encodeURIComponent(query), {
          credentials: "same-origin",
          headers: { Accept: "application/json" }
        })
          .then(function (response) { return response.ok ? response.json() : { leden: [] }; })
          .then(function (data) { if (number === latest) { render(data.leden || []); } })
          .catch(function () { close(); });
      }, PAUSE_MS);
    }

    textarea.addEventListener("input", function (event) {
      if (event.isTrusted === false && list.hidden) { return; }
      lookUp();
    });
    textarea.addEventListener("keydown", function (event) {
      if (list.hidden || members.length === 0) { return; }
      if (event.key === "ArrowDown") {
        event.preventDefault();
        setActive((active + 1) % members.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        setActive(active <= 0 ? members.length - 1 : active - 1);
      } else if ((event.key === "Enter" || event.key === "Tab") && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape") {
        event.preventDefault();
        latest++;
        close();
      }
    });
    textarea.addEventListener("blur", function () {
      latest++;
      close();
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("textarea[data-mentions]"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
