// Quick exit: leave for a neutral site and replace this page in the history, so that the
// back button does not bring it back. Also on Shift pressed three times within a second
// (as GOV.UK's "Exit this page"). It protects against someone looking over the reader's
// shoulder, not against a monitored device: the linked page explains how to hide a visit.
(function () {
  var button = document.querySelector("[data-trygg-quick-exit]");
  if (!button) return;
  function leave(event) {
    if (event) event.preventDefault();
    document.body.style.visibility = "hidden";
    window.location.replace(button.href);
  }
  button.addEventListener("click", leave);
  var presses = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat) return;
    var now = Date.now();
    presses = presses.filter(function (time) { return now - time < 1000; });
    presses.push(now);
    if (presses.length >= 3) leave();
  });
})();
