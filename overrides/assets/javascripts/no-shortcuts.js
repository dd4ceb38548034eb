// Material's one-key shortcuts are turned off: "f", "s" and "/" open the search, "n", ".",
// "p" and "," go to the next or previous page. They act wherever the focus is except in a
// text field, so a teacher typing on a checklist's radio buttons ended up in the search box,
// and a speech-input user saying a word could leave the page. WCAG 2.1.4 (character key
// shortcuts) asks for a way to turn such keys off; the site needs none of them (the search
// button and the previous/next links do the same by Tab), so they are off for everyone.
// Stopping the key on its way down at window means Material's own listener, on window,
// never hears it; what the key does by itself (typing a letter, selecting a radio) still
// happens, and the search dialog's own keys (arrows, Enter, Escape) are not touched.
(function () {
  var MATERIAL_KEYS = { f: 1, s: 1, "/": 1, n: 1, ".": 1, p: 1, ",": 1 };
  window.addEventListener("keydown", function (event) {
    if (MATERIAL_KEYS[event.key]) event.stopPropagation();
  }, true);
})();
