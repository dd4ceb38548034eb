// Material's search worker, started on demand. Material creates its worker when a page
// loads; pointed here (overrides/main.html, block "config"), the page loads only this small
// file. Material's own worker (named after "?load=") and its lunr stemmer are fetched with
// its first message, which Material sends once the reader has opened search and the index
// has arrived (see ../search-on-demand.js). The worker then handles that message itself.
addEventListener("message", function (event) {
  var name = new URLSearchParams(location.search).get("load") || "";
  // Only Material's worker from this folder, never an address from elsewhere.
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(name)) throw new Error("unknown search worker");
  importScripts(name);
  dispatchEvent(new MessageEvent("message", { data: event.data }));
}, { once: true });
