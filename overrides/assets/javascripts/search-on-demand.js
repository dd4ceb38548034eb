// Search is fetched when the reader opens it, not on every page load. Material asks for
// its search index (up to 100 KB for a language) as soon as a page opens, and most readers
// never search; on a slow phone that is a third of a first visit. This script runs before
// Material's bundle and holds that one request back until the search field gets focus or
// the search toggle opens (a click, a tap, or Material's "/" and "s" keys, which focus the
// field). The search worker and its stemmer wait too: they start only once the index is
// there (see workers/search-on-demand.js). Nothing else is changed or stored.
(function () {
  var INDEX = /\/search\/search_index\.json$/;
  var waiting = [];
  var opened = false;
  function open() {
    if (opened) return;
    opened = true;
    waiting.splice(0).forEach(function (send) { send(); });
  }
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-md-component=search-query]")) open();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) open();
  });
  var urls = new WeakMap();
  var xhrOpen = XMLHttpRequest.prototype.open;
  var xhrSend = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    urls.set(this, new URL(String(url), location.href).pathname);
    return xhrOpen.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (opened || !INDEX.test(urls.get(request) || "")) return xhrSend.apply(request, args);
    waiting.push(function () { xhrSend.apply(request, args); });
  };
})();
