/* Plain geometry on GeoJSON positions ([lon, lat]), for framing a place from its shape. No DOM
 * and no Leaflet, so Node's tests read it as it is. */
(() => {
  "use strict";
  const StoryMap = (globalThis.StoryMap ??= {});

  // Every outer ring of a GeoJSON geometry's polygons, as [lon, lat] points.
  function outerRings(geometry) {
    if (!geometry) { return []; }
    if (geometry.type === "Polygon") { return [geometry.coordinates[0]]; }
    if (geometry.type === "MultiPolygon") { return geometry.coordinates.map((polygon) => polygon[0]); }
    if (geometry.type === "GeometryCollection") { return geometry.geometries.flatMap(outerRings); }
    return [];
  }

  function ringArea(ring) {
    let sum = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
      sum += (ring[j][0] + ring[i][0]) * (ring[j][1] - ring[i][1]);
    }
    return Math.abs(sum / 2);
  }

  // The bounds ([[south, west], [north, east]]) of a shape's main body, as the engine frames a
  // section's places (storymap/model/shapes.py): its parts of at least `share` of the largest
  // part's area, so a far-flung island does not widen the frame. Null for no shape.
  function mainBodyBounds(geometry, share) {
    const rings = outerRings(geometry);
    const areas = rings.map(ringArea);
    const largest = Math.max(...areas, 0);
    const kept = rings.filter((ring, index) => areas[index] >= share * largest).flat();
    if (!kept.length) { return null; }
    const lons = kept.map((point) => point[0]);
    const lats = kept.map((point) => point[1]);
    return [[Math.min(...lats), Math.min(...lons)], [Math.max(...lats), Math.max(...lons)]];
  }

  StoryMap.geometry = {outerRings, ringArea, mainBodyBounds};
})();
