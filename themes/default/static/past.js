// Marks events that have ended since the site was built as past: the page was right when
// it was built, and this keeps it right until the next build. Pages work without it.
(function () {
  var now = Date.now();
  document.querySelectorAll("[data-ends]").forEach(function (item) {
    if (Date.parse(item.getAttribute("data-ends")) <= now) {
      item.classList.add("is-past");
      item.querySelectorAll("[data-until-over]").forEach(function (hidden) { hidden.hidden = true; });
    }
  });
})();
