// TopoJSON decoding (storymap/assets/map/topology.js) against what the publisher encodes
// (storymap/publish/topology.py, run here): the shapes it was given, to within its grid.
import assert from "node:assert/strict";
import {test} from "node:test";
import {load, python} from "./load.mjs";

const {topology, geometry} = load("map/topology.js", "map/geometry.js");

// Two squares side by side (their border shared, so one of them walks it backwards), the left
// with a hole, and a country in two parts.
const FIXTURE = `
import json
from storymap.publish.topology import QUANTISATION, encode

def square(x, y, size):
    return [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]

def feature(place_id, geometry):
    return {"type": "Feature", "properties": {"id": place_id, "kind": "country"}, "geometry": geometry}

features = [
    feature("AAA", {"type": "Polygon", "coordinates": [square(0, 0, 2), square(0.5, 0.5, 0.5)[::-1]]}),
    feature("BBB", {"type": "Polygon", "coordinates": [square(2, 0, 2)]}),
    feature("CCC", {"type": "MultiPolygon", "coordinates": [[square(5, 0, 1)], [square(7, 3, 0.25)]]}),
]
print(json.dumps({"topology": json.loads(encode(features)), "features": features, "steps": QUANTISATION}))
`;
const {topology: encoded, features: given, steps} = python(FIXTURE);
const decoded = topology.features(encoded, "shapes");
// One step of the grid: the chunk's extent over the number of steps, in each direction.
const GRID = 7.25 / steps + 1e-9;

function polygons(shape) {
  return shape.type === "Polygon" ? [shape.coordinates] : shape.coordinates;
}

function near(a, b) {
  return Math.abs(a[0] - b[0]) <= GRID && Math.abs(a[1] - b[1]) <= GRID;
}

test("every feature comes back with its properties, in the publisher's order", () => {
  assert.deepEqual(decoded.map((f) => f.properties), given.map((f) => f.properties));
  assert.deepEqual(decoded.map((f) => f.geometry.type), given.map((f) => f.geometry.type));
});

test("every ring is closed and has the corners it was given, to within the grid", () => {
  decoded.forEach((feature, index) => {
    const source = polygons(given[index].geometry);
    const drawn = polygons(feature.geometry);
    assert.equal(drawn.length, source.length, feature.properties.id);
    drawn.forEach((rings, p) => {
      assert.equal(rings.length, source[p].length, `${feature.properties.id}: rings of part ${p}`);
      rings.forEach((ring, r) => {
        assert.deepEqual(ring[0], ring[ring.length - 1], "closed");
        for (const corner of source[p][r]) {
          assert.ok(ring.some((point) => near(point, corner)), `${feature.properties.id}: ${corner} in ring ${r}`);
        }
        const area = geometry.ringArea(source[p][r]);
        assert.ok(Math.abs(geometry.ringArea(ring) - area) < 8 * GRID, `${feature.properties.id}: area of ring ${r}`);
      });
    });
  });
});

test("a border two shapes share is stored once and walked both ways", () => {
  const indexes = encoded.objects.shapes.geometries.flatMap((object) => object.arcs.flat(2));
  assert.ok(indexes.some((index) => index < 0), "no arc is walked backwards");
  const [left, right] = decoded;
  const border = (ring) => ring.filter((point) => Math.abs(point[0] - 2) <= GRID);
  assert.ok(border(left.geometry.coordinates[0]).length >= 2 && border(right.geometry.coordinates[0]).length >= 2);
});

test("a shape with nothing left to draw is left out", () => {
  const empty = {...encoded, objects: {shapes: {type: "GeometryCollection", geometries: [{type: null, properties: {id: "X"}}]}}};
  assert.deepEqual(topology.features(empty, "shapes"), []);
});

test("a shape's main body leaves its small far parts out of its frame", () => {
  assert.deepEqual(geometry.mainBodyBounds(given[2].geometry, 0.25), [[0, 5], [1, 6]]);
  assert.deepEqual(geometry.mainBodyBounds(given[2].geometry, 0), [[0, 5], [3.25, 7.25]]);
  assert.equal(geometry.mainBodyBounds(null, 0.25), null);
});
