// Recouple's own script: small, no inline code (the Content Security Policy forbids it).
(function () {
  "use strict";

  // Where leaving quickly also signs out (safety:leave; tests keep the two in step).
  var LEAVE_URL = "/safety/leave/";

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (e) {
      return "";
    }
  }

  // Leave quickly: sign out (unless the user turned that off in Settings; the server knows),
  // then replace this page in history so the back button doesn't return to it. Whatever
  // happens to the sign-out, the page goes within a second.
  var leaving = false;
  function leave(event) {
    var exit = document.getElementById("quick-exit");
    if (!exit) return;
    if (event) event.preventDefault();
    if (leaving) return;
    leaving = true;
    var go = function () { window.location.replace(exit.href); };
    if (!window.fetch) { go(); return; }
    var timer = window.setTimeout(go, 1000);
    window.fetch(LEAVE_URL, {
      method: "POST",
      credentials: "same-origin",
      keepalive: true,
      redirect: "manual",
      headers: { "X-CSRFToken": csrfToken() }
    }).then(function () { window.clearTimeout(timer); go(); },
            function () { window.clearTimeout(timer); go(); });
  }

  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    if (now - lastEscape < 800) leave(null);
    lastEscape = now;
  });

  // No contact's start form: a suggested length is put into the days box, not only named.
  document.addEventListener("htmx:afterSwap", function (event) {
    var suggested = event.target.querySelector && event.target.querySelector("[data-suggested-days]");
    var days = document.getElementById("id_target_days");
    if (suggested && days) days.value = suggested.getAttribute("data-suggested-days");
  });

  document.addEventListener("DOMContentLoaded", function () {
    var exit = document.getElementById("quick-exit");
    if (exit) exit.addEventListener("click", leave);

    // The pause: a one-minute breathing countdown (the page works without it, too).
    var start = document.getElementById("breathe-start");
    var counter = document.getElementById("countdown");
    var cue = document.getElementById("breathe-cue");
    if (start && counter && cue) {
      start.addEventListener("click", function () {
        var left = parseInt(counter.getAttribute("data-seconds"), 10) || 60;
        var elapsed = 0;
        start.hidden = true;
        document.body.classList.add("breathing");
        cue.textContent = start.getAttribute("data-in");
        var timer = window.setInterval(function () {
          left -= 1;
          elapsed += 1;
          counter.textContent = String(left);
          // Four seconds in, six out: a ten-second cycle.
          cue.textContent = start.getAttribute(elapsed % 10 < 4 ? "data-in" : "data-out");
          if (left <= 0) {
            window.clearInterval(timer);
            document.body.classList.remove("breathing");
            cue.textContent = start.getAttribute("data-done");
          }
        }, 1000);
      });
    }

    // A form sent back with problems: its summary at the top is where reading starts.
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();

    // Sign-up: take the time zone from the device, so "today" means the user's today.
    var zone = document.querySelector("input[name='time_zone']");
    if (zone && !zone.value && window.Intl) {
      try { zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { /* keep UTC */ }
    }
    // ...and suggest where they live from the same zone (the tz database's own table, sent
    // with the page: nothing is looked up elsewhere). They can pick another.
    var country = document.querySelector("select[name='country'][data-from-zone]");
    if (zone && zone.value && country && !country.value) {
      var options = country.querySelectorAll("option[data-zones]");
      for (var i = 0; i < options.length; i += 1) {
        if (options[i].getAttribute("data-zones").split(" ").indexOf(zone.value) !== -1) {
          country.value = options[i].value;
          break;
        }
      }
    }
  });
})();
