// The sticky header: named buttons for the menu and the search, and its real height for CSS.
(function () {
  var root = document.documentElement;

  // The menu and search controls are buttons (named in the reader's language in
  // partials/header.html). Material opens its drawer and its search with two hidden
  // checkboxes (#__drawer, #__search), driven by <label>s that Tab never reaches; the
  // buttons click those checkboxes, so Material's own code opens and closes what it always
  // did. Without JavaScript the labels are shown instead (site.css).
  document.querySelectorAll("[data-trygg-toggle]").forEach(function (button) {
    var toggle = document.getElementById(button.getAttribute("data-trygg-toggle"));
    if (!toggle) return;
    var drawer = toggle.id === "__drawer" ? document.querySelector(".md-sidebar--primary") : null;
    function show() {
      button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    }
    button.addEventListener("click", function () {
      toggle.click();  // fires "change", which Material listens to
      show();
      // Start the reader inside what opened: the drawer slides over the header, and the
      // search is for typing.
      var first = !toggle.checked ? null : drawer
        ? drawer.querySelector("a[href], input:not([type=checkbox]), button")
        : document.querySelector(".md-search__input");
      if (first) setTimeout(function () { first.focus(); }, 0);
    });
    toggle.addEventListener("change", function () {
      show();
      // Closed by Escape or by the overlay: the focus goes back to the button that opened
      // it, not to the top of the page.
      var active = document.activeElement;
      if (!toggle.checked && (!active || active === document.body ||
          active.closest(".md-search, .md-sidebar--primary"))) {
        button.focus({ preventScroll: true });
      }
    });
    if (drawer) {
      // Escape closes the drawer (Material closes only its search with it).
      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && toggle.checked) toggle.click();
      });
    }
    show();
  });

  // The header's height changes with the width (the quick-exit row wraps on a phone) and
  // the language. site.css keeps what is focused or jumped to below it with
  // scroll-padding-top; this gives that rule the real height, at every width.
  var header = document.querySelector(".md-header");
  if (!header) return;
  function measure() {
    root.style.setProperty("--trygg-header-height", header.offsetHeight + "px");
  }
  measure();
  if (window.ResizeObserver) new ResizeObserver(measure).observe(header);
  else window.addEventListener("resize", measure);
})();
