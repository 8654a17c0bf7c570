/* Labels that never print over each other. Every label of the map is an HTML element (class
 * `storymap-label`) in a Leaflet marker; after each flight, zoom, resize or step, `place()` puts
 * them down again in rank order (the places in focus, then the places mentioned, then the other
 * countries, then the other cities), each at the first of a few positions around its anchor where
 * it overlaps nothing already placed and stays inside the map. A label with no such position is
 * hidden, except the names of the places in focus, which are always shown (at the position that
 * overlaps least). labelling.js owns the labels; this file only places them, and needs no DOM
 * beyond each label's element. */
(() => {
  "use strict";
  const StoryMap = (globalThis.StoryMap ??= {});

  const GAP = 2;  // px kept clear around every label
  const POINT_RADIUS = 7;  // the circle a highlighted city is drawn with (highlights.js)
  const RANK = {focus: 0, context: 1, country: 2, city: 3};

  function overlap(a, b) {
    const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return x > 0 && y > 0 ? x * y : 0;
  }

  // Where a label's box may go, best first, as offsets of its top-left corner from the anchor.
  // A city's name sits beside its point; an area's name over its anchor, or shifted off it.
  function candidates(label, w, h) {
    const list = [];
    if (label.point) {
      const r = POINT_RADIUS + GAP;
      list.push([r, -h / 2], [-w - r, -h / 2], [-w / 2, -h - r], [-w / 2, r],
                [r, -h - r / 2], [r, r / 2], [-w - r, -h - r / 2], [-w - r, r / 2]);
    } else {
      list.push([-w / 2, -h / 2]);
      for (const step of [1, 2, 3]) {
        const dy = step * (h + GAP);
        const dx = step * (w / 2 + GAP);
        list.push([-w / 2, -h / 2 - dy], [-w / 2, -h / 2 + dy], [-w / 2 - dx, -h / 2], [-w / 2 + dx, -h / 2],
                  [-w / 2 - dx, -h / 2 - dy], [-w / 2 + dx, -h / 2 - dy],
                  [-w / 2 - dx, -h / 2 + dy], [-w / 2 + dx, -h / 2 + dy]);
      }
    }
    return list;
  }

  function rankOf(label, roles) {
    const role = roles[label.id];
    if (role === "focus" || role === "context") { return RANK[role]; }
    return label.point ? RANK.city : RANK.country;
  }

  function hide(label) {
    label.el.classList.add("is-hidden");
    label.el.removeAttribute("data-rank");
  }

  // The best position for one label of w × h at `anchor`: the first that costs nothing, else the
  // cheapest, where the cost is the area it overlaps of `taken` plus the area it leaves `frame` by.
  function bestPosition(label, anchor, w, h, taken, frame) {
    let best = null;
    for (const offset of candidates(label, w, h)) {
      const box = {left: anchor.x + offset[0], top: anchor.y + offset[1]};
      box.right = box.left + w;
      box.bottom = box.top + h;
      const padded = {left: box.left - GAP, top: box.top - GAP, right: box.right + GAP, bottom: box.bottom + GAP};
      const clash = taken.reduce((sum, other) => sum + overlap(padded, other), 0);
      const cost = clash + w * h - overlap(box, frame);
      if (!best || cost < best.cost) { best = {cost, offset, box: padded}; }
      if (cost === 0) { break; }
    }
    return best;
  }

  // Put every label down again for the map's current view. `roles` maps place ids to "focus" or
  // "context" for the section shown; `points` are the highlighted cities' positions, kept clear;
  // `obstacles` are boxes in the map's pixels no label may cover (the map's own controls).
  function place(map, labels, roles, points, obstacles) {
    const size = map.getSize();
    const frame = {left: 0, top: 0, right: size.x, bottom: size.y};
    const taken = points.map((latlng) => {
      const p = map.latLngToContainerPoint(latlng);
      return {left: p.x - POINT_RADIUS, top: p.y - POINT_RADIUS, right: p.x + POINT_RADIUS, bottom: p.y + POINT_RADIUS};
    }).concat(obstacles || []);
    const ordered = labels.map((label, index) => ({label, rank: rankOf(label, roles), index}));
    ordered.sort((a, b) => a.rank - b.rank || a.index - b.index);
    for (const {label, rank} of ordered) {
      const anchor = map.latLngToContainerPoint(label.latlng);
      if (anchor.x < 0 || anchor.y < 0 || anchor.x > size.x || anchor.y > size.y) {
        hide(label);
        continue;
      }
      const best = bestPosition(label, anchor, label.el.offsetWidth, label.el.offsetHeight, taken, frame);
      if (best.cost > 0 && rank !== RANK.focus) {
        hide(label);
        continue;
      }
      label.el.style.marginLeft = `${Math.round(best.offset[0])}px`;
      label.el.style.marginTop = `${Math.round(best.offset[1])}px`;
      label.el.classList.remove("is-hidden");
      label.el.setAttribute("data-rank", String(rank));
      taken.push(best.box);
    }
  }

  StoryMap.labels = {place, POINT_RADIUS};
})();
