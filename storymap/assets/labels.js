/* Labels that never print over each other. Every label of the map is an HTML element (class
 * `storymap-label`) in a Leaflet marker; after each flight, zoom, resize or step, `place()` puts
 * them down again in rank order (the places in focus, then the places mentioned, then the other
 * countries, then the other cities), each at the first of a few positions around its anchor where
 * it overlaps nothing already placed and stays inside the map. A label with no such position is
 * hidden, except the names of the places in focus, which are always shown (at the position that
 * overlaps least). Served beside basemap.js, which owns the labels. */
(function () {
  "use strict";

  var GAP = 2;  // px kept clear around every label
  var POINT_RADIUS = 7;  // the circle a highlighted city is drawn with (basemap.js)
  var RANK = {focus: 0, context: 1, country: 2, city: 3};

  function overlap(a, b) {
    var x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    var y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return x > 0 && y > 0 ? x * y : 0;
  }

  // Where a label's box may go, best first, as offsets of its top-left corner from the anchor.
  // A city's name sits beside its point; an area's name over its anchor, or shifted off it.
  function candidates(label, w, h) {
    var list = [];
    if (label.point) {
      var r = POINT_RADIUS + GAP;
      list.push([r, -h / 2], [-w - r, -h / 2], [-w / 2, -h - r], [-w / 2, r],
                [r, -h - r / 2], [r, r / 2], [-w - r, -h - r / 2], [-w - r, r / 2]);
    } else {
      list.push([-w / 2, -h / 2]);
      [1, 2, 3].forEach(function (step) {
        var dy = step * (h + GAP);
        var dx = step * (w / 2 + GAP);
        list.push([-w / 2, -h / 2 - dy], [-w / 2, -h / 2 + dy], [-w / 2 - dx, -h / 2], [-w / 2 + dx, -h / 2],
                  [-w / 2 - dx, -h / 2 - dy], [-w / 2 + dx, -h / 2 - dy],
                  [-w / 2 - dx, -h / 2 + dy], [-w / 2 + dx, -h / 2 + dy]);
      });
    }
    return list;
  }

  function rankOf(label, roles) {
    var role = roles[label.id];
    if (role === "focus" || role === "context") { return RANK[role]; }
    return label.point ? RANK.city : RANK.country;
  }

  function hide(label) {
    label.el.classList.add("is-hidden");
    label.el.removeAttribute("data-rank");
  }

  // Put every label down again for the map's current view. `roles` maps place ids to "focus" or
  // "context" for the section shown; `points` are the highlighted cities' positions, kept clear;
  // `obstacles` are boxes in the map's pixels no label may cover (the map's own controls).
  function place(map, labels, roles, points, obstacles) {
    var size = map.getSize();
    var frame = {left: 0, top: 0, right: size.x, bottom: size.y};
    var taken = points.map(function (latlng) {
      var p = map.latLngToContainerPoint(latlng);
      return {left: p.x - POINT_RADIUS, top: p.y - POINT_RADIUS, right: p.x + POINT_RADIUS, bottom: p.y + POINT_RADIUS};
    }).concat(obstacles || []);
    var ordered = labels.map(function (label, index) { return {label: label, rank: rankOf(label, roles), index: index}; });
    ordered.sort(function (a, b) { return a.rank - b.rank || a.index - b.index; });
    ordered.forEach(function (entry) {
      var label = entry.label;
      var anchor = map.latLngToContainerPoint(label.latlng);
      if (anchor.x < 0 || anchor.y < 0 || anchor.x > size.x || anchor.y > size.y) { hide(label); return; }
      var w = label.el.offsetWidth;
      var h = label.el.offsetHeight;
      var best = null;
      candidates(label, w, h).some(function (offset) {
        var box = {left: anchor.x + offset[0], top: anchor.y + offset[1]};
        box.right = box.left + w;
        box.bottom = box.top + h;
        var padded = {left: box.left - GAP, top: box.top - GAP, right: box.right + GAP, bottom: box.bottom + GAP};
        var clash = taken.reduce(function (sum, other) { return sum + overlap(padded, other); }, 0);
        var outside = w * h - overlap(box, frame);
        var cost = clash + outside;
        if (!best || cost < best.cost) { best = {cost: cost, offset: offset, box: padded}; }
        return cost === 0;
      });
      if (best.cost > 0 && entry.rank !== RANK.focus) { hide(label); return; }
      label.el.style.marginLeft = Math.round(best.offset[0]) + "px";
      label.el.style.marginTop = Math.round(best.offset[1]) + "px";
      label.el.classList.remove("is-hidden");
      label.el.setAttribute("data-rank", String(entry.rank));
      taken.push(best.box);
    });
  }

  window.StoryLabels = {place: place};
})();
