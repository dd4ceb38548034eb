// Search is fetched when the reader opens it, not on every page load. Material asks for
// its search index (up to 100 KB for a language) as soon as a page opens, and most readers
// never search; on a slow phone that is a third of a first visit. This script runs before
// Material's bundle and holds that one request back until the search field gets focus or
// the search toggle opens (a click, a tap, or Material's "/" and "s" keys, which focus the
// field). The search worker and its stemmer wait too: they start only once the index is
// there (see workers/search-on-demand.js). Nothing else is changed or stored.
//
// Fetched late, the index can meet a dropped connection, and Material then waits for it
// for good ("Initialising search"). So Material never hears of a failed index request: the
// reader is told (search.result.unavailable, from translations/<code>.yml via the page's
// __config), and the same request is sent again when they open search or type again. The
// same goes for Material's worker and its stemmer, which our worker fetches.
(function () {
  var INDEX = /\/search\/search_index\.json$/;
  var waiting = [];
  var opened = false;
  function open() {
    if (opened) return;
    opened = true;
    waiting.splice(0).forEach(function (send) { send(); });
  }
  // The reader is told, and retry() runs when they open search or type again.
  function unavailable(retry) {
    opened = false;
    waiting.push(retry);
    var config = document.getElementById("__config");
    var meta = document.querySelector(".md-search-result__meta");
    if (!config || !meta) return;
    // textContent: the string reaches the page as text, never as HTML.
    meta.textContent = JSON.parse(config.textContent).translations["search.result.unavailable"];
  }
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-md-component=search-query]")) open();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) open();
  });
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("[data-md-component=search-query]")) open();
  });
  var urls = new WeakMap();
  var xhrOpen = XMLHttpRequest.prototype.open;
  var xhrSend = XMLHttpRequest.prototype.send;
  var xhrListen = XMLHttpRequest.prototype.addEventListener;
  function isIndex(request) { return INDEX.test(urls.get(request) || ""); }
  var sends = new WeakMap();  // index request -> its send(), while it has not failed
  function failed(request) {
    var send = sends.get(request);
    if (!send) return;  // "error" and "load" both told us
    sends.delete(request);
    unavailable(function () {
      xhrOpen.call(request, "GET", urls.get(request));
      sends.set(request, send);
      send();
    });
  }
  // Our worker (workers/search-on-demand.js) says when Material's worker or its stemmer
  // could not be fetched; Material never sees that message (ours is the first listener).
  var PageWorker = window.Worker;
  window.Worker = function (url, options) {
    var worker = new PageWorker(url, options);
    if (/\/workers\/search-on-demand\.js$/.test(new URL(String(url), location.href).pathname)) {
      worker.addEventListener("message", function (event) {
        if (!event.data || event.data.trygg !== "unavailable") return;
        event.stopImmediatePropagation();
        unavailable(function () { worker.postMessage({ trygg: "retry" }); });
      });
    }
    return worker;
  };
  window.Worker.prototype = PageWorker.prototype;
  XMLHttpRequest.prototype.open = function (method, url) {
    urls.set(this, new URL(String(url), location.href).pathname);
    return xhrOpen.apply(this, arguments);
  };
  // Material listens for "load" and "error" on its index request; a failure (no network,
  // or an answer other than 2xx) goes to failed() instead, so the request can be retried.
  XMLHttpRequest.prototype.addEventListener = function (type, listener) {
    var request = this, args = arguments;
    if (isIndex(request) && (type === "load" || type === "error")) {
      args = Array.prototype.slice.call(arguments);
      args[1] = function (event) {
        if (type === "load" && request.status >= 200 && request.status < 300) {
          return listener.call(request, event);
        }
        failed(request);
      };
    }
    return xhrListen.apply(request, args);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!isIndex(request)) return xhrSend.apply(request, args);
    var send = function () { xhrSend.apply(request, args); };
    sends.set(request, send);
    if (opened) return send();
    waiting.push(send);
  };
})();
