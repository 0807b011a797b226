// Recouple's own script: small, no inline code (the Content Security Policy forbids it).
(function () {
  "use strict";

  // Leave quickly: replace this page in history so the back button doesn't return to it.
  function leave(event) {
    var exit = document.getElementById("quick-exit");
    if (!exit) return;
    if (event) event.preventDefault();
    window.location.replace(exit.href);
  }

  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    if (now - lastEscape < 800) leave(null);
    lastEscape = now;
  });

  document.addEventListener("DOMContentLoaded", function () {
    var exit = document.getElementById("quick-exit");
    if (exit) exit.addEventListener("click", leave);

    // Sign-up: take the time zone from the device, so "today" means the user's today.
    var zone = document.querySelector("input[name='time_zone']");
    if (zone && !zone.value && window.Intl) {
      try { zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { /* keep UTC */ }
    }
  });
})();
