// Rekentool: recalculates the totals as you type. Progressive: the form counts on the server
// with the "Bereken" button, and works the same without this file. Parsing mirrors
// community/rekentool/services.py (parse_number); amounts are counted in cents to avoid floats.
(function () {
  "use strict";
  var form = document.querySelector("form[data-rekentool]");
  if (!form) return;

  function parse(text) {
    var s = (text || "").replace(/[€\s\u00a0]/g, "").replace("\u2212", "-");
    if (s === "" || s === "-") return null;
    var negative = false;
    if (s[0] === "-" || s[0] === "+") { negative = s[0] === "-"; s = s.slice(1); }
    if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return NaN;
    if (s.indexOf(",") >= 0 && s.indexOf(".") >= 0) {
      if (/^\d{1,3}(,\d{3})+\.\d+$/.test(s)) s = s.replace(/,/g, "");
      else if (/^\d{1,3}(\.\d{3})*,\d+$/.test(s)) s = s.replace(/\./g, "").replace(",", ".");
      else return NaN;
    } else if (s.indexOf(",") >= 0) {
      if (s.split(",").length > 2) return NaN;
      s = s.replace(",", ".");
    } else if (s.split(".").length > 2 || /^\d{1,3}(\.\d{3})+$/.test(s)) {
      if (!/^\d{1,3}(\.\d{3})+$/.test(s)) return NaN;
      s = s.replace(/\./g, "");
    }
    var value = parseFloat(s);
    return negative ? -value : value;
  }

  function euro(value) {
    var whole = Math.round(value);
    var sign = whole < 0 ? "-" : "";
    var digits = String(Math.abs(whole)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return "€\u00a0" + sign + digits;
  }

  function number(value, decimals) {
    var parts = value.toFixed(decimals).split(".");
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return decimals ? parts[0] + "," + parts[1] : parts[0];
  }

  function field(scope, name) {
    var input = scope.querySelector('[data-field="' + name + '"]');
    return parse(input ? input.value : "");
  }

  function setting(name) {
    var input = form.querySelector('[data-setting="' + name + '"]');
    return parse(input ? input.value : "");
  }

  function show(selector, text) {
    document.querySelectorAll(selector).forEach(function (el) { el.textContent = text; });
  }

  var LIMIT = 10000000;

  function recalculate() {
    var blocks = {};
    var perHire = 0;
    var valid = true;
    form.querySelectorAll("[data-line]").forEach(function (line) {
      var hours = field(line, "hours"), rate = field(line, "rate"), oop = field(line, "oop");
      var block = line.querySelector('input[type=hidden][name$="-block"]').value;
      var output = line.querySelector("[data-line-total]");
      var bad = [hours, rate, oop].some(function (v) { return v !== null && (isNaN(v) || v < 0); });
      var total = (hours || 0) * (rate || 0) + (oop || 0);
      if (bad || total > LIMIT) { valid = false; output.textContent = "–"; return; }
      output.textContent = euro(total);
      blocks[block] = (blocks[block] || 0) + total;
      perHire += total;
    });
    document.querySelectorAll("[data-block-total]").forEach(function (el) {
      el.textContent = valid ? euro(blocks[el.getAttribute("data-block-total")] || 0) : "–";
    });
    show('[data-result="per-hire"]', valid ? euro(perHire) : "–");
    var hires = setting("hires"), staff = setting("staff"), rate = setting("outflow_rate");
    var ok = function (v) { return v !== null && !isNaN(v) && v >= 0; };
    show('[data-result="per-year"]', valid && ok(hires) ? euro(perHire * hires) : "–");
    var explain = document.querySelector('p[data-result="explain"]');
    if (valid && ok(staff) && ok(rate) && rate <= 100) {
      var leavers = staff * rate / 100;
      show('[data-result="turnover"]', euro(perHire * leavers));
      if (explain) {
        explain.textContent = "Bij " + number(rate, rate % 1 ? 1 : 0) + "% uitstroom vertrekken er per jaar ongeveer " +
          number(leavers, 1) + " van de " + number(staff, 0) + " collega's. Elk vertrek vraagt een nieuwe collega.";
      }
    } else {
      show('[data-result="turnover"]', "–");
    }
    var note = document.querySelector(".rt-result-note");
    if (note) note.hidden = valid;
  }

  form.addEventListener("input", recalculate);
})();
