// Material's search worker, started on demand. Material creates its worker when a page
// loads; pointed here (overrides/main.html, block "config"), the page loads only this small
// file. Material's own worker (named after "?load=") and its lunr stemmer are fetched with
// its first message, which Material sends once the reader has opened search and the index
// has arrived (see ../search-on-demand.js). The worker then handles that message itself.
// When either file cannot be fetched (the connection dropped), the page is told
// ({trygg: "unavailable"}: it tells the reader) and the first message is tried again when
// the page asks ({trygg: "retry"}: the reader opened search or typed again).
(function () {
  var material = new URLSearchParams(location.search).get("load") || "";
  var setup = null;  // Material's first message, kept for a retry
  var loaded = false;
  function start() {
    try {
      // Only Material's worker from this folder, never an address from elsewhere.
      if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) throw new Error("unknown search worker");
      if (!loaded) importScripts(material);
      loaded = true;
    } catch (error) {
      postMessage({ trygg: "unavailable" });
      return;
    }
    dispatchEvent(new MessageEvent("message", { data: setup }));
  }
  // Material's worker loads the stemmer while it handles its first message, asynchronously:
  // a failed fetch there is a rejected promise.
  addEventListener("unhandledrejection", function () {
    postMessage({ trygg: "unavailable" });
  });
  addEventListener("message", function (event) {
    if (event.data && event.data.trygg === "retry") {
      event.stopImmediatePropagation();  // ours: Material's worker would throw on it
      if (setup) start();
    } else if (!setup) {
      setup = event.data;
      start();
    }
  });
})();
