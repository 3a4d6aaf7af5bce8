// Scroll hints: the hint before a table region shows only while its table is wider than the
// region (a phone, or a long table). Without JavaScript every hint stays visible, which is
// harmless; this file only hides the ones that do not apply.
(function () {
  "use strict";
  function update(region) {
    var hint = region.previousElementSibling;
    if (hint && hint.classList.contains("scroll-hint")) {
      hint.hidden = region.scrollWidth <= region.clientWidth + 1;
    }
  }
  var regions = document.querySelectorAll(".table-scroll");
  if (!("ResizeObserver" in window)) {
    regions.forEach(update);
    return;
  }
  // Called once when observing starts, then whenever a region or its table changes size (a
  // narrower window, or a web font that widens the table after the first layout).
  var observer = new ResizeObserver(function (entries) {
    entries.forEach(function (entry) { update(entry.target.closest(".table-scroll")); });
  });
  regions.forEach(function (region) {
    observer.observe(region);
    if (region.firstElementChild) { observer.observe(region.firstElementChild); }
  });
})();
