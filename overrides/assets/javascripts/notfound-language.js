// A host answers every missing address with the site's root 404.html (GitHub Pages does),
// which is in the source language. A reader who mistyped an address under /ar/ belongs on
// the Arabic 404 page, with its text, links and numbers in Arabic: send them there. Only the
// root 404 page loads this file (overrides/404.html), with the language folders.
(function () {
  var script = document.currentScript;
  // This file is in assets/javascripts/, two folders below the site's root.
  var root = new URL("../..", script.src);
  var path = location.pathname;
  if (path.indexOf(root.pathname) !== 0 || /\/404\.html$/.test(path)) return;
  var first = path.slice(root.pathname.length).split("/")[0];
  var folders = (script.getAttribute("data-languages") || "").split(" ");
  if (first && folders.indexOf(first) !== -1) {
    location.replace(new URL(first + "/404.html", root).href);
  }
})();
