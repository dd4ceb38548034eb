// Quick exit: leave for a neutral site and replace this page in the history, so that the
// back button does not bring it back. It protects against someone looking over the reader's
// shoulder, not against a monitored device: the linked page explains how to hide a visit.
//
// The keyboard way out follows the rule of GOV.UK's "Exit this page": the Shift key pressed
// and released on its own three times within a short time. A Shift that is part of anything
// else (Shift+Tab to go back, a capital letter, Shift+click) starts the count again, so
// a parent tabbing backwards or typing a name never leaves by accident.
(function () {
  var button = document.querySelector("[data-trygg-quick-exit]");
  if (!button) return;
  var WINDOW_MS = 5000;  // GOV.UK's window: three presses within five seconds
  var count = 0;
  var first = 0;          // when the first counted press was released
  var shiftDown = false;  // Shift is held now …
  var alone = false;      // … and nothing else has happened while it was
  var held = {};          // other keys held now (by event.code)

  function leave(event) {
    if (event) event.preventDefault();
    document.body.style.visibility = "hidden";
    window.location.replace(button.href);
  }
  function restart() {
    count = 0;
    alone = false;
  }
  button.addEventListener("click", leave);

  // Capture on window: the count sees every key before any other script can stop it.
  window.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (event.repeat) { alone = false; return; }  // held down, not pressed
      shiftDown = true;
      alone = Object.keys(held).length === 0 && !event.ctrlKey && !event.altKey && !event.metaKey;
      return;
    }
    held[event.code] = true;
    restart();
  }, true);
  window.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      delete held[event.code];
      return;
    }
    shiftDown = false;
    if (!alone) { restart(); return; }
    alone = false;
    var now = Date.now();
    if (count === 0 || now - first > WINDOW_MS) {
      count = 0;
      first = now;
    }
    count += 1;
    if (count >= 3) leave();
  }, true);
  // A click or tap with Shift held is a Shift used for something else.
  window.addEventListener("pointerdown", function () { if (shiftDown) alone = false; }, true);
  // Leaving the window (Alt+Tab to another program) forgets what was held.
  window.addEventListener("blur", function () { held = {}; shiftDown = false; restart(); });
})();
