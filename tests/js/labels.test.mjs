// Label placement (storymap/assets/map/labels.js) on a stand-in map whose container pixels are
// its coordinates: each label's element reports its size and takes its offset and visibility.
import assert from "node:assert/strict";
import {test} from "node:test";
import {load} from "./load.mjs";

const {labels} = load("map/labels.js");
const MAP = {
  getSize: () => ({x: 400, y: 300}),
  latLngToContainerPoint: ([y, x]) => ({x, y}),
};

function element(width, height) {
  const classes = new Set();
  const attributes = new Map();
  const style = {};
  return {
    offsetWidth: width,
    offsetHeight: height,
    style,
    classList: {add: (name) => classes.add(name), remove: (name) => classes.delete(name)},
    setAttribute: (name, value) => attributes.set(name, value),
    removeAttribute: (name) => attributes.delete(name),
    hidden: () => classes.has("is-hidden"),
    rank: () => attributes.get("data-rank") ?? null,
    offset: () => [parseInt(style.marginLeft, 10), parseInt(style.marginTop, 10)],
  };
}

// A label of w × h at (x, y); a city's (`point`) sits beside its point, an area's over its anchor.
function label(id, x, y, {w = 40, h = 10, point = false} = {}) {
  return {id, latlng: [y, x], point, el: element(w, h)};
}

function place(all, roles = {}, points = [], obstacles = []) {
  labels.place(MAP, all, roles, points, obstacles);
  return all;
}

test("an area's name sits centred over its anchor", () => {
  const [area] = place([label("ARM", 200, 150)]);
  assert.deepEqual(area.el.offset(), [-20, -5]);
  assert.equal(area.el.hidden(), false);
  assert.equal(area.el.rank(), "2");
});

test("a city's name sits to the right of its point, clear of the point's circle", () => {
  const [city] = place([label("baku", 200, 150, {point: true})]);
  assert.deepEqual(city.el.offset(), [labels.POINT_RADIUS + 2, -5]);
  assert.equal(city.el.rank(), "3");
});

test("a name that would overlap one placed before moves off it", () => {
  const [first, second] = place([label("A", 200, 150), label("B", 205, 152)]);
  assert.deepEqual(first.el.offset(), [-20, -5]);
  assert.notDeepEqual(second.el.offset(), [-20, -5]);
  assert.equal(second.el.hidden(), false);
});

test("the places in focus are placed first, then those mentioned, then countries, then cities", () => {
  const all = place([label("city", 300, 150, {point: true}), label("country", 200, 150), label("context", 200, 150),
                     label("focus", 200, 150)], {focus: "focus", context: "context"});
  const [city, country, context, focus] = all;
  assert.deepEqual(focus.el.offset(), [-20, -5]);
  assert.deepEqual([focus, context, country, city].map((l) => l.el.rank()), ["0", "1", "2", "3"]);
  assert.notDeepEqual(context.el.offset(), [-20, -5]);
});

test("a name with no free place is hidden, unless its place is in focus", () => {
  const wall = [{left: 0, top: 0, right: 400, bottom: 300}];
  const [country, focus] = place([label("country", 200, 150), label("focus", 100, 100)], {focus: "focus"}, [], wall);
  assert.equal(country.el.hidden(), true);
  assert.equal(country.el.rank(), null);
  assert.equal(focus.el.hidden(), false);
});

test("names keep clear of the map's controls and of highlighted points", () => {
  const [area] = place([label("A", 200, 150)], {}, [], [{left: 170, top: 140, right: 230, bottom: 160}]);
  const [left, top] = area.el.offset();
  assert.ok(200 + left + 40 <= 170 || 200 + left >= 230 || 150 + top + 10 <= 140 || 150 + top >= 160, "over the control");
  const [beside] = place([label("B", 200, 150)], {}, [[150, 200]]);
  assert.notDeepEqual(beside.el.offset(), [-20, -5]);
});

test("a name whose anchor is off the map is hidden; one near the edge stays inside", () => {
  const [off, edge] = place([label("off", 500, 150), label("edge", 398, 150)]);
  assert.equal(off.el.hidden(), true);
  assert.equal(edge.el.hidden(), false);
  assert.ok(398 + edge.el.offset()[0] + 40 <= 400, "past the right edge");
});
