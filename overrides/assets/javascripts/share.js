// "Share this page": copy the link, or the phone's own share sheet. Nothing is sent to
// anyone by this script; buttons appear only where the browser can do what they say.
(function () {
  var status = document.querySelector(".trygg-share__status");
  document.querySelectorAll("[data-trygg-share]").forEach(function (button) {
    var kind = button.getAttribute("data-trygg-share");
    var url = button.getAttribute("data-url");
    if (kind === "copy" && navigator.clipboard && window.isSecureContext) {
      button.parentElement.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(function () {
          if (status) status.textContent = button.getAttribute("data-done");
        });
      });
    }
    if (kind === "device" && navigator.share) {
      button.parentElement.hidden = false;
      button.addEventListener("click", function () {
        navigator.share({ title: button.getAttribute("data-title"), url: url }).catch(function () {});
      });
    }
  });
})();
