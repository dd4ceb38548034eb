// Follow the reader's light or dark system setting. Nothing is stored: Material's own
// palette toggle would write the choice to localStorage on every page load.
(function () {
  var dark = window.matchMedia("(prefers-color-scheme: dark)");
  function apply() {
    document.body.setAttribute("data-md-color-scheme", dark.matches ? "slate" : "default");
  }
  apply();
  dark.addEventListener("change", apply);
})();
