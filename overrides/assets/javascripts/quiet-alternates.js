// Material's bundle fetches "sitemap.xml" next to every <link rel="alternate"> in the head,
// to switch languages on the same page. With mkdocs-static-i18n those links point at this
// page in each language, so a reader's phone would make ten useless requests (404s) on
// every page. Our switcher already links to the same page in each language, so we hide
// the links from Material while it looks for them (its DOMContentLoaded handler, which
// runs after this one) and put them back straight after. Crawlers read the HTML as sent.
// Checked by tests/test_browser_home.py: no page asks for a sitemap.
document.addEventListener("DOMContentLoaded", function () {
  var links = document.querySelectorAll('link[rel="alternate"][hreflang]');
  links.forEach(function (link) { link.rel = "x-alternate"; });
  setTimeout(function () {
    links.forEach(function (link) { link.rel = "alternate"; });
  }, 0);
}, { once: true });
