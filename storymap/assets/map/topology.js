/* The map's shapes arrive as TopoJSON (storymap/publish/topology.py): every border shared by two
 * shapes is stored once, as an arc of quantised, delta-encoded positions. `features` turns one
 * back into the GeoJSON features Leaflet draws. Only what the publisher writes is read: one
 * GeometryCollection of polygons and multipolygons with a transform. (No registry package serves
 * topojson-client to a Python app, and this is all of it the map needs.) */
(() => {
  "use strict";
  const StoryMap = (globalThis.StoryMap ??= {});

  // Every arc as positions in degrees: the running sum of its deltas, scaled and translated.
  function decodeArcs(topology) {
    const [sx, sy] = topology.transform.scale;
    const [tx, ty] = topology.transform.translate;
    return topology.arcs.map((arc) => {
      let x = 0;
      let y = 0;
      return arc.map(([dx, dy]) => {
        x += dx;
        y += dy;
        return [x * sx + tx, y * sy + ty];
      });
    });
  }

  // A ring from its arcs: an index ~i is arc i walked backwards, and each arc after the first
  // starts where the one before ended, so its first position is dropped.
  function ring(indexes, arcs) {
    return indexes.flatMap((index, n) => {
      const arc = index < 0 ? arcs[~index].slice().reverse() : arcs[index];
      return n === 0 ? arc : arc.slice(1);
    });
  }

  function polygon(rings, arcs) {
    return rings.map((indexes) => ring(indexes, arcs));
  }

  function geometry(object, arcs) {
    if (object.type === "Polygon") { return {type: "Polygon", coordinates: polygon(object.arcs, arcs)}; }
    if (object.type === "MultiPolygon") {
      return {type: "MultiPolygon", coordinates: object.arcs.map((rings) => polygon(rings, arcs))};
    }
    return null;  // a shape with nothing left to draw (a micro-state at world detail)
  }

  // The features of the topology's object `name`, each with its properties.
  function features(topology, name) {
    const arcs = decodeArcs(topology);
    return topology.objects[name].geometries
      .map((object) => ({type: "Feature", properties: object.properties, geometry: geometry(object, arcs)}))
      .filter((feature) => feature.geometry);
  }

  StoryMap.topology = {features};
})();
