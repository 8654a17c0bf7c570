/* The map's shapes arrive as TopoJSON (storymap/publish/topology.py): every border shared by two
 * shapes is stored once, as an arc of quantised, delta-encoded positions. `StoryTopology.features`
 * turns one back into the GeoJSON features Leaflet draws. Only what the publisher writes is read:
 * one GeometryCollection of polygons and multipolygons with a transform. (No registry package
 * serves topojson-client to a Python app, and this is all of it the map needs.) */
(function () {
  "use strict";

  // Every arc as positions in degrees: the running sum of its deltas, scaled and translated.
  function decodeArcs(topology) {
    var scale = topology.transform.scale;
    var translate = topology.transform.translate;
    return topology.arcs.map(function (arc) {
      var x = 0;
      var y = 0;
      return arc.map(function (delta) {
        x += delta[0];
        y += delta[1];
        return [x * scale[0] + translate[0], y * scale[1] + translate[1]];
      });
    });
  }

  // A ring from its arcs: an index ~i is arc i walked backwards, and each arc after the first
  // starts where the one before ended, so its first position is dropped.
  function ring(indexes, arcs) {
    var positions = [];
    indexes.forEach(function (index, n) {
      var arc = index < 0 ? arcs[~index].slice().reverse() : arcs[index];
      positions.push.apply(positions, n === 0 ? arc : arc.slice(1));
    });
    return positions;
  }

  function polygon(rings, arcs) {
    return rings.map(function (indexes) { return ring(indexes, arcs); });
  }

  function geometry(object, arcs) {
    if (object.type === "Polygon") { return {type: "Polygon", coordinates: polygon(object.arcs, arcs)}; }
    if (object.type === "MultiPolygon") {
      return {type: "MultiPolygon", coordinates: object.arcs.map(function (rings) { return polygon(rings, arcs); })};
    }
    return null;  // a shape with nothing left to draw (a micro-state at world detail)
  }

  // The features of the topology's object `name`, each with its properties.
  function features(topology, name) {
    var arcs = decodeArcs(topology);
    return topology.objects[name].geometries.map(function (object) {
      return {type: "Feature", properties: object.properties, geometry: geometry(object, arcs)};
    }).filter(function (feature) { return feature.geometry; });
  }

  window.StoryTopology = {features: features};
})();
