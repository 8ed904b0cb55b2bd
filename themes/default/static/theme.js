// The theme's only script. Every page reads fully without it; it only adds to what is there.
(function () {
  // Events that ended after the site was built are marked as past: the page was right
  // when it was built, and this keeps it right until the next build.
  var now = Date.now();
  document.querySelectorAll("[data-ends]").forEach(function (item) {
    if (Date.parse(item.getAttribute("data-ends")) <= now) {
      item.classList.add("is-past");
      item.querySelectorAll("[data-until-over]").forEach(function (hidden) { hidden.hidden = true; });
    }
  });
  // A video is a link until the reader asks to play it: no request reaches the video
  // site before that. Then the player takes the link's place.
  document.querySelectorAll(".video[data-embed]").forEach(function (box) {
    var link = box.querySelector("a");
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var player = document.createElement("iframe");
      player.src = box.getAttribute("data-embed");
      player.title = link.getAttribute("data-title");
      player.allow = "autoplay; fullscreen; picture-in-picture";
      player.allowFullscreen = true;
      box.replaceChildren(player);
      player.focus();
    });
  });
  // The search box leads to the search page (without this script, to the archive).
  document.querySelectorAll("form[data-search-page]").forEach(function (form) {
    form.action = form.getAttribute("data-search-page");
  });
  // A link to a heading of the text (/about/#access) finds it: the ids a text gives its
  // headings are prefixed, so that they never take the page's own (as on GitHub).
  var part = decodeURIComponent(location.hash.slice(1));
  var heading = part && !document.getElementById(part) && document.getElementById("user-content-" + part);
  if (heading) heading.scrollIntoView();
})();
