// Checklists: progress, a summary and "clear" with undo, on top of a form that works without
// this script. Answers stay on the page: nothing is sent or stored anywhere, and a page the
// reader comes back to with Back starts empty (see "pageshow" below).
(function () {
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }
  // Join items with CLDR's list patterns for the page's language, written into the form
  // by the build (checklists.list_patterns, from babel): "a, b och c", Arabic "a وb وc".
  function joinList(items, patterns) {
    function apply(pattern, first, second) {
      return pattern.replace("{0}", first).replace("{1}", second);
    }
    if (items.length < 2) return items.join("");
    if (items.length === 2) return apply(patterns["2"], items[0], items[1]);
    var text = apply(patterns.end, items[items.length - 2], items[items.length - 1]);
    for (var i = items.length - 3; i > 0; i--) text = apply(patterns.middle, items[i], text);
    return apply(patterns.start, items[0], text);
  }
  document.querySelectorAll("form.trygg-checklist").forEach(function (form) {
    var progress = form.querySelector(".trygg-checklist__progress");
    var summary = form.querySelector(".trygg-checklist__summary");
    var list = summary.querySelector("ul");
    var items = form.querySelectorAll(".trygg-checklist__item");
    var clear = form.querySelector("button[type=reset]");
    var undo = form.querySelector(".trygg-checklist__undo");
    var cleared = form.querySelector(".trygg-checklist__cleared");
    var patterns = JSON.parse(form.dataset.list);
    var saved = null;   // the answers just cleared, until undone or answered anew
    var quiet = false;  // a reset by this script, not by the reader
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
          if (problems.length) line = group.dataset.label + ": " + joinList(problems, patterns);
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
    function snapshot() {
      var state = [], filled = false;
      Array.prototype.forEach.call(form.elements, function (field) {
        if (field.type === "radio" || field.type === "checkbox") {
          state.push(field.checked);
          filled = filled || field.checked;
        } else if ("value" in field && field.tagName !== "BUTTON") {
          state.push(field.value);
          filled = filled || field.value !== "";
        } else {
          state.push(null);
        }
      });
      return filled ? state : null;
    }
    function restore(state) {
      Array.prototype.forEach.call(form.elements, function (field, i) {
        if (state[i] === null) return;
        if (field.type === "radio" || field.type === "checkbox") field.checked = state[i];
        else field.value = state[i];
      });
    }
    function forgetUndo() {
      saved = null;
      undo.hidden = true;
      cleared.textContent = "";
    }
    function emptyQuietly() {
      quiet = true;
      form.reset();
      quiet = false;
      forgetUndo();
      update();
    }
    form.addEventListener("change", function () {
      if (saved) forgetUndo();  // answering again: the old answers are no longer wanted
      update();
    });
    form.addEventListener("input", function () { if (saved) forgetUndo(); });
    // The reset event comes before the fields are emptied: keep what they held, so the
    // reader can take the clearing back.
    form.addEventListener("reset", function () {
      if (quiet) return;
      var state = snapshot();
      setTimeout(function () {
        update();
        if (!state) return;
        saved = state;
        cleared.textContent = cleared.dataset.text;
        undo.hidden = false;
        undo.focus();
      }, 0);
    });
    undo.addEventListener("click", function () {
      if (saved) restore(saved);
      forgetUndo();
      update();
      clear.focus();
    });
    // Back and Forward: the browser may keep this page whole in its back-forward cache, or
    // fill the fields in again. The page says answers are not kept, so it starts empty
    // every time it is shown, and the progress line and summary say so.
    window.addEventListener("pageshow", emptyQuietly);
    update();
  });
})();
