// Checklists: progress, a summary and "clear", on top of a form that works without this
// script. Answers stay on the page: nothing is sent or stored anywhere.
(function () {
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }
  document.querySelectorAll("form.trygg-checklist").forEach(function (form) {
    var progress = form.querySelector(".trygg-checklist__progress");
    var summary = form.querySelector(".trygg-checklist__summary");
    var list = summary.querySelector("ul");
    var items = form.querySelectorAll(".trygg-checklist__item");
    function update() {
      var answered = form.querySelectorAll(".trygg-checklist__item input:checked").length;
      progress.textContent = fill(form.dataset.progress, { answered: answered, total: items.length });
      list.textContent = "";
      form.querySelectorAll(".trygg-checklist__group").forEach(function (group) {
        var line = null;
        if (form.dataset.kind === "walk") {
          var problems = [];
          group.querySelectorAll(".trygg-checklist__item").forEach(function (item) {
            if (item.querySelector('input[value="nej"]:checked')) {
              problems.push(item.querySelector("legend").textContent.split(":")[0]);
            }
          });
          if (problems.length) line = group.dataset.label + ": " + problems.join(", ");
        } else {
          var questions = group.querySelectorAll(".trygg-checklist__item");
          var yes = group.querySelectorAll('input[value="ja"]:checked').length;
          line = group.dataset.label + ": " + fill(form.dataset.score, { yes: yes, total: questions.length });
        }
        if (line) {
          var entry = document.createElement("li");
          entry.textContent = line;
          list.appendChild(entry);
        }
      });
      if (!list.children.length) {
        var none = document.createElement("li");
        none.textContent = form.dataset.none;
        list.appendChild(none);
      }
      summary.hidden = false;
    }
    form.addEventListener("change", update);
    // A native reset clears the fields; the summary follows once it has.
    form.addEventListener("reset", function () { setTimeout(update, 0); });
    update();
  });
})();
