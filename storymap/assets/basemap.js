/* The story map's browser side: a light basemap from static GeoJSON, labels, a reset control,
 * and `StoryMap.step()`, which highlights a section's places by id. Shapes and place notes are
 * fetched once; a step carries only ids, roles and bounds. Served from the app's static folder.
 * The story page steps it from the page (reader.js), which it tells when it is ready.
 *
 * Text and map, both ways: the page links a place while the reader points at its name
 * (`link(id)`: its shape or point carries `data-linked`, drawn thicker), and shows it when the
 * reader clicks the name (`show(id)`: the map frames the place and opens its note); `frame()`
 * frames the section again. The reader pointing at a highlighted shape here is told to the page
 * as a `storymap:link` event on its window (`detail.place`: the id, or null when the pointer
 * leaves). */
(function () {
  "use strict";

  // Kept between a place and the map's own controls, in pixels.
  var CONTROL_MARGIN = 6;

  function text(value) {
    var span = document.createElement("span");
    span.textContent = value;
    return span;
  }

  function viewString(center, zoom) {
    return center.lat.toFixed(3) + "," + center.lng.toFixed(3) + "," + zoom;
  }

  function describe(place) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = place.name + (place.approximate ? " (approximate outline)" : "");
    box.appendChild(title);
    if (place.note) {
      var note = document.createElement("p");
      note.textContent = place.note;
      var source = document.createElement("small");
      source.textContent = "Source: " + place.source;
      box.appendChild(note);
      box.appendChild(source);
    }
    return box;
  }

  // A label: an HTML element in a marker, placed by labels.js (storymap-label, for tests too).
  function label(id, latlng, name, kind, point) {
    var marker = L.marker(latlng, {
      interactive: false,
      keyboard: false,
      icon: L.divIcon({className: "storymap-label storymap-label-" + kind, html: text(name), iconSize: null})
    });
    return {id: id, latlng: L.latLng(latlng), point: point, marker: marker, el: null};
  }

  // Every outer ring of a GeoJSON geometry's polygons, as [lon, lat] points.
  function outerRings(geometry) {
    if (!geometry) { return []; }
    if (geometry.type === "Polygon") { return [geometry.coordinates[0]]; }
    if (geometry.type === "MultiPolygon") { return geometry.coordinates.map(function (polygon) { return polygon[0]; }); }
    if (geometry.type === "GeometryCollection") { return [].concat.apply([], geometry.geometries.map(outerRings)); }
    return [];
  }

  function ringArea(ring) {
    var sum = 0;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
      sum += (ring[j][0] + ring[i][0]) * (ring[j][1] - ring[i][1]);
    }
    return Math.abs(sum / 2);
  }

  // The frame's stylesheets (Leaflet's and ours), all loaded: the app's component writes them into
  // its frame after the frame itself has loaded, so the frame's load event says nothing of them.
  function stylesIn() {
    var pending = Array.prototype.filter.call(document.querySelectorAll('link[rel="stylesheet"]'), function (link) {
      return !link.sheet;
    });
    return Promise.all(pending.map(function (link) {
      return new Promise(function (resolve) {
        link.addEventListener("load", resolve);
        link.addEventListener("error", resolve);
      });
    }));
  }

  // Tell the page (the map's parent, same origin) which place the reader points at on the map.
  function tellPage(id) {
    try {
      window.parent.dispatchEvent(new CustomEvent("storymap:link", {detail: {place: id}}));
    } catch (error) { /* a parent on another origin links nothing */ }
  }

  function init(map, options) {
    var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var container = map.getContainer();
    var state = {layers: {}, kinds: {}, features: {}, places: {}, lit: [], drawn: {}, extra: {}, ready: false,
                 pending: null, bounds: null, section: null, labels: [], stepLabels: [], roles: {}, points: [],
                 covered: 0, linked: null, shown: null, popup: null, step: null, firstMap: null, styled: false};
    var markers = L.layerGroup().addTo(map);
    // Places the step does not highlight, drawn while the reader points at or shows them.
    var extras = L.layerGroup().addTo(map);
    // Countries load after the page's own overlays may have been drawn (a control map, say); in a
    // pane of their own, below the overlay pane, they never cover them.
    map.createPane("storymapCountries").style.zIndex = 350;

    container.style.background = options.sea;
    // Streamlit titles a component's frame with the component's name; screen readers announce it.
    try {
      var host = window.frameElement;
      if (host && (!host.title || host.title.indexOf("streamlit") === 0)) { host.title = "Map of the places in the story"; }
    } catch (error) { /* a frame on another origin keeps its own title */ }
    // A fresh id per page load of the map: tests read it to prove that steps never reload the map.
    container.setAttribute("data-load-id", String(Math.random()).slice(2));
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(options.attribution);

    // Fly to bounds, clear of the page's card below and of `above` pixels on top (a popup). A new
    // flight cancels the one under way (Leaflet's flyTo stops it), so a fast run of steps ends on
    // the last one with no queue of flights behind it. Returns the view it goes to.
    function fit(bounds, maxZoom, above) {
      var fitting = fittingFor(maxZoom, above);
      var target = map._getBoundsCenterZoom(L.latLngBounds(bounds), fitting);
      if (reduced) {
        map.fitBounds(bounds, Object.assign({animate: false}, fitting));
      } else {
        map.flyTo(target.center, target.zoom, {duration: options.flightSeconds});
      }
      return target;
    }

    function fittingFor(maxZoom, above) {
      var pad = options.padding;
      var room = controlRoom();
      return {paddingTopLeft: [Math.max(pad[0], room.left), Math.max(pad[1], room.top) + above],
              paddingBottomRight: [pad[0], Math.max(pad[1] + state.covered, room.bottom)], maxZoom: maxZoom};
    }

    // The map's own controls, as boxes in its pixels: labels keep clear of them.
    function controlBoxes() {
      var origin = container.getBoundingClientRect();
      return Array.prototype.map.call(container.querySelectorAll(".leaflet-control"), function (el) {
        var box = el.getBoundingClientRect();
        return {left: box.left - origin.left, top: box.top - origin.top, right: box.right - origin.left,
                bottom: box.bottom - origin.top, corner: el.parentElement.className};
      }).filter(function (box) { return box.right > box.left && box.bottom > box.top; });
    }

    // The room the controls take along the map's edges (zoom on the left, Reset view on top, scale
    // and credit along the bottom), with a margin: a frame keeps the places clear of them, on a
    // phone's small map too.
    function controlRoom() {
      var size = map.getSize();
      var room = {left: 0, top: 0, bottom: 0};
      controlBoxes().forEach(function (box) {
        if (box.right > size.x || box.bottom > size.y || box.left < 0 || box.top < 0) { return; }  // not laid out yet
        var bottom = box.corner.indexOf("leaflet-bottom") !== -1;
        if (bottom) { room.bottom = Math.max(room.bottom, size.y - box.top + CONTROL_MARGIN); return; }
        if (box.corner.indexOf("leaflet-left") !== -1) { room.left = Math.max(room.left, box.right + CONTROL_MARGIN); }
        if (box.corner.indexOf("leaflet-right") !== -1) { room.top = Math.max(room.top, box.bottom + CONTROL_MARGIN); }
      });
      return room;
    }

    // The part of the world the map shows once a step's frame is reached.
    function viewOf(step) {
      var target = map._getBoundsCenterZoom(L.latLngBounds(step.bounds), fittingFor(step.maxZoom || options.maxFrameZoom, 0));
      var half = map.getSize().divideBy(2);
      var centre = map.project(target.center, target.zoom);
      return L.latLngBounds(map.unproject(centre.subtract(half), target.zoom), map.unproject(centre.add(half), target.zoom));
    }

    // Frame the section again (each step, Reset view, the page's Escape): a place shown from its
    // name is put away, its popup closed.
    function frame() {
      unshow();
      frameSection();
    }

    function frameSection() {
      if (!state.bounds) { return; }
      var target = fit(state.bounds, state.maxZoom || options.maxFrameZoom, 0);
      container.setAttribute("data-frame-view", viewString(target.center, target.zoom));
    }

    // Frame what is framed now again: the place shown, or the section.
    function refit() {
      if (state.shown) { show(state.shown); } else { frameSection(); }
    }

    // The container's size can change after the map starts (late styles, phones, rotation):
    // tell Leaflet, and frame the section again. Leaflet tells of no change under a pixel's shift of
    // its centre, which still moves the view off its frame: any change of size frames again.
    var size = null;
    function resized() {
      var now = container.clientWidth + "x" + container.clientHeight;
      if (now === size) { return; }
      size = now;
      map.invalidateSize({pan: false});
      refit();
    }
    map.on("resize", resized);
    if (window.ResizeObserver) { new ResizeObserver(resized).observe(container); }

    // Labels are put down again wherever the view ends up: after a flight, a zoom, a resize.
    function placeLabels() {
      var all = state.labels.concat(state.stepLabels);
      all.forEach(function (item) { item.el = item.marker.getElement(); });
      StoryLabels.place(map, all.filter(function (item) { return item.el; }), state.roles, state.points, controlBoxes());
      // Labels measured before the page's styles are in have the wrong size: tests and benches wait
      // for labels placed for the view shown, once the styles are in.
      if (state.styled) {
        container.setAttribute("data-labels", viewString(map.getCenter(), map.getZoom()));
      }
    }

    map.on("moveend", function () {
      placeLabels();
      container.setAttribute("data-view", viewString(map.getCenter(), map.getZoom()));
    });
    map.on("zoomend viewreset", placeLabels);
    if (document.fonts && document.fonts.ready) { document.fonts.ready.then(placeLabels); }
    // Controls and labels measured before the page's styles are in are misplaced: once they are,
    // frame again (clear of the controls where they really are) and put the labels down again.
    stylesIn().then(function () {
      state.styled = true;
      placeLabels();
      refit();
    });

    var Reset = L.Control.extend({
      options: {position: "topright"},
      onAdd: function () {
        var button = L.DomUtil.create("button", "storymap-reset");
        button.type = "button";
        button.textContent = "Reset view";
        button.title = "Frame this section again";
        L.DomEvent.disableClickPropagation(button);
        L.DomEvent.on(button, "click", frame);
        return button;
      }
    });
    map.addControl(new Reset());

    // A wheel over the map scrolls the page; Ctrl or ⌘ + wheel and a pinch zoom it (gestures.js).
    StoryGestures.cooperate(map);

    // Stepping keys pressed while the map has focus go to the page; arrows stay with the map.
    // Escape puts a place shown from its name away.
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && state.shown) {
        frame();
        return;
      }
      if (options.forwardKeys.indexOf(event.key) === -1 || event.altKey || event.ctrlKey || event.metaKey) { return; }
      try {
        window.parent.document.dispatchEvent(new KeyboardEvent("keydown", {key: event.key, bubbles: true}));
        event.preventDefault();
      } catch (error) { /* a parent on another origin: nothing to forward to */ }
    });

    function tag(layer, id, role) {
      layer.eachLayer(function (part) {
        if (!part._path) { return; }
        part._path.setAttribute("data-place", id);
        if (role) { part._path.setAttribute("data-role", role); } else { part._path.removeAttribute("data-role"); }
      });
    }

    // Every drawn part (SVG path) of a layer.
    function eachPath(layer, callback) {
      layer.eachLayer(function (part) {
        if (part._path) { callback(part._path); } else if (part.eachLayer) { eachPath(part, callback); }
      });
    }

    // Where a place's popup points: its city point, or its label's anchor inside the shape.
    function anchorOf(id) {
      var place = state.places[id];
      return place && (place.point || place.anchor);
    }

    // The bounds a place is framed in, as the engine frames a section's places: a city's point
    // with a margin, a shape's main body (its parts of at least `mainPartShare` of the largest).
    function placeBounds(id) {
      var place = state.places[id];
      if (place && place.point) {
        var m = options.pointMargin;
        return L.latLngBounds([place.point[0] - m, place.point[1] - m], [place.point[0] + m, place.point[1] + m]);
      }
      var rings = outerRings(state.features[id] && state.features[id].geometry);
      var areas = rings.map(ringArea);
      var largest = Math.max.apply(null, areas.concat([0]));
      var bounds = L.latLngBounds([]);
      rings.forEach(function (ring, index) {
        if (areas[index] < options.mainPartShare * largest) { return; }
        ring.forEach(function (point) { bounds.extend([point[1], point[0]]); });
      });
      return bounds.isValid() ? bounds : null;
    }

    // What the map draws for a place: its highlight in this step or, for a place the step does not
    // highlight, an outline (or point) of its own while the reader points at it or shows it.
    function reveal(id) {
      if (state.drawn[id]) { return state.drawn[id]; }
      if (state.extra[id]) { return state.extra[id].layer; }
      var place = state.places[id];
      var look = Object.assign({}, options.linked);
      if (place && place.approximate) { look.dashArray = options.approximateDash; }
      var extra = {layer: null, added: false, point: false};
      if (place && place.point) {
        extra.layer = L.featureGroup([L.circleMarker(place.point, Object.assign({radius: 7}, look))]);
        extra.point = true;
        extras.addLayer(extra.layer);
      } else if (state.layers[id]) {
        extra.layer = state.layers[id];
        extra.added = !map.hasLayer(extra.layer);
        if (extra.added) { map.addLayer(extra.layer); }
        extra.layer.setStyle(look);
        extra.layer.bringToFront();
      } else {
        return null;
      }
      eachPath(extra.layer, function (path) { path.setAttribute("data-place", id); });
      state.extra[id] = extra;
      return extra.layer;
    }

    // Put a place's own drawing away, unless it is still pointed at or shown.
    function release(id) {
      var extra = state.extra[id];
      if (!extra || id === state.linked || id === state.shown) { return; }
      delete state.extra[id];
      if (extra.point) {
        extras.removeLayer(extra.layer);
      } else if (extra.added) {
        map.removeLayer(extra.layer);
      } else {
        extra.layer.setStyle(options.base);
      }
    }

    function setLinked(layer, on) {
      eachPath(layer, function (path) {
        if (on) { path.setAttribute("data-linked", ""); } else { path.removeAttribute("data-linked"); }
      });
    }

    // Emphasise one place (the reader points at its name, or at its shape), or none.
    function link(id) {
      id = id || null;
      if (id === state.linked || (id && !state.ready)) { return; }
      var before = state.linked;
      state.linked = id;
      if (before) {
        var previous = state.drawn[before] || (state.extra[before] && state.extra[before].layer);
        if (previous) { setLinked(previous, false); }
        release(before);
        restack();
      }
      var layer = id && reveal(id);
      if (layer) {
        setLinked(layer, true);
        layer.bringToFront();
      }
    }

    // The places in focus drawn on top again, after a place was brought forward.
    function restack() {
      Object.keys(state.roles).forEach(function (id) {
        if (state.roles[id] === "focus" && state.drawn[id]) { state.drawn[id].bringToFront(); }
      });
    }

    // Bring a place into the frame and open its note and source; the section stays as it is.
    // The popup lies above the place's anchor, so the frame leaves room for it on top.
    function show(id) {
      var bounds = state.ready && placeBounds(id);
      if (!bounds && state.ready && state.places[id] && !allLoaded()) {
        fetchAll().then(function () { show(id); });
        return true;
      }
      if (!bounds) { return false; }
      if (state.shown !== id) { unshow(); }
      state.shown = id;
      container.setAttribute("data-shown", id);
      reveal(id);
      var room = Math.max(0, map.getSize().y - state.covered - 2 * options.padding[1]);
      if (state.popup) { map.closePopup(state.popup); }
      var popup = L.popup({maxWidth: 280, maxHeight: Math.max(96, Math.round(room * 0.55)), autoPan: false,
                           className: "storymap-shown"});
      popup.setLatLng(anchorOf(id)).setContent(describe(state.places[id]));
      state.popup = popup;
      map.openPopup(popup);
      var box = popup.getElement();
      var content = box && box.querySelector(".leaflet-popup-content");
      if (content && content.scrollHeight > content.clientHeight) {
        content.tabIndex = 0;  // a note longer than the room scrolls, and the keyboard can scroll it
      }
      fit(bounds, options.maxFrameZoom, box ? Math.min(box.offsetHeight + 16, room * 0.6) : 0);
      return true;
    }

    // Put a shown place away: its popup closes, its own drawing goes. Says whether one was shown.
    function unshow() {
      var id = state.shown;
      if (!id) { return false; }
      state.shown = null;
      container.removeAttribute("data-shown");
      if (state.popup) { map.closePopup(state.popup); }
      state.popup = null;
      release(id);
      return true;
    }

    // The reader points at a highlighted shape (or point) on the map: link it, and tell the page.
    function pointable(layer, id) {
      layer.on("mouseover", function () {
        if (!state.roles[id]) { return; }
        link(id);
        tellPage(id);
      });
      layer.on("mouseout", function () {
        if (state.linked !== id) { return; }
        link(null);
        tellPage(null);
      });
    }

    function clear() {
      unshow();
      link(null);
      Object.keys(state.extra).forEach(release);
      state.lit.forEach(function (id) {
        var layer = state.layers[id];
        layer.unbindTooltip();
        layer.unbindPopup();
        if (state.kinds[id] === "country") {
          layer.setStyle(options.base);
          tag(layer, id, null);
        } else {
          map.removeLayer(layer);
        }
      });
      state.lit = [];
      state.drawn = {};
      state.stepLabels = [];
      state.roles = {};
      state.points = [];
      markers.clearLayers();
    }

    function highlight(step) {
      var place = state.places[step.id];
      var look = Object.assign({}, options.roles[step.role]);
      if (place.approximate) { look.dashArray = options.approximateDash; }
      var layer;
      state.roles[step.id] = step.role;
      if (place.point) {
        layer = L.featureGroup([L.circleMarker(place.point, Object.assign({radius: 7}, look))]);
        markers.addLayer(layer);
        pointable(layer, step.id);
        state.points.push(place.point);
      } else {
        layer = state.layers[step.id];
        if (!layer) { return; }
        if (!map.hasLayer(layer)) { map.addLayer(layer); }
        layer.setStyle(look);
        layer.bringToFront();
        state.lit.push(step.id);
      }
      // A node, not a string: Leaflet sets a string as HTML, and names come from data files.
      layer.bindTooltip(text(place.name + (place.approximate ? " (approximate)" : "")), {sticky: true});
      layer.bindPopup(describe(place), {maxWidth: 280});
      tag(layer, step.id, step.role);
      state.drawn[step.id] = layer;
      if (step.role === "focus" && options.labelOnFocus.indexOf(place.kind) !== -1) {
        var named = label(step.id, place.anchor, place.name, "region", false);
        markers.addLayer(named.marker);
        state.stepLabels.push(named);
      }
    }

    function apply(step) {
      clear();
      // Context first, so the places in focus end up drawn on top.
      step.places.filter(function (p) { return p.role !== "focus"; }).forEach(highlight);
      step.places.filter(function (p) { return p.role === "focus"; }).forEach(highlight);
      state.step = step;
      state.bounds = step.bounds;
      state.maxZoom = step.maxZoom || null;
      state.section = step.section;
      container.setAttribute("data-section", step.section);
      container.setAttribute("data-places", step.places.map(function (p) { return p.id; }).join(","));
      placeLabels();
      frame();
      // When the reader first sees a map: benches and tests count what was fetched before it.
      if (!state.firstMap) {
        state.firstMap = performance.mark("storymap:first-map");
        fetchRest();
      }
    }

    function load(url) {
      return fetch(url).then(function (response) { return response.json(); });
    }

    // The shapes come in chunks, nearest first (storymap/publish/topology.py): a view inside a
    // chunk's `within` needs that chunk and those before it, no more. The first map waits only for
    // what its view needs; the rest follows once it is drawn.
    var chunks = options.shapes.map(function (chunk) {
      return {url: chunk.url, within: chunk.within && L.latLngBounds(chunk.within), loading: null, done: false};
    });

    function fetchChunk(chunk) {
      if (!chunk.loading) {
        chunk.loading = load(chunk.url).then(function (topology) {
          addShapes(StoryTopology.features(topology, "shapes"));
          chunk.done = true;
          // How many chunks are drawn, of how many: tests wait for all before reading highlights.
          var done = chunks.filter(function (c) { return c.done; }).length;
          container.setAttribute("data-shapes", done + "/" + chunks.length);
        });
      }
      return chunk.loading;
    }

    function fetchAll() { return Promise.all(chunks.map(fetchChunk)); }

    // The rest of the world, after the first map (a frame later, so it never delays that one).
    function fetchRest() { requestAnimationFrame(function () { setTimeout(fetchAll, 0); }); }

    function allLoaded() { return chunks.every(function (chunk) { return chunk.done; }); }

    function chunksFor(step) {
      var view = step.bounds && viewOf(step);
      var needed = [];
      for (var i = 0; i < chunks.length; i += 1) {
        needed.push(chunks[i]);
        if (view && chunks[i].within && chunks[i].within.contains(view)) { break; }
      }
      return needed;
    }

    function addShapes(features) {
      features.forEach(function (feature) {
        var id = feature.properties.id;
        var pane = feature.properties.kind === "country" ? "storymapCountries" : "overlayPane";
        var layer = L.geoJSON(feature, {style: options.base, pane: pane});
        state.layers[id] = layer;
        state.features[id] = feature;
        pointable(layer, id);
        state.kinds[id] = feature.properties.kind;
        if (feature.properties.kind === "country") { layer.addTo(map); }
      });
      if (state.step) { fill(state.step); }
    }

    // Highlight the places of the step shown whose shapes came after it (off its frame, since the
    // step waited for the chunks its view needs), leaving the view as it is.
    function fill(step) {
      var late = step.places.filter(function (p) { return !state.drawn[p.id] && state.layers[p.id]; });
      if (!late.length) { return; }
      late.forEach(highlight);
      restack();
      placeLabels();
    }

    // Show a step once the places and the chunks its view needs are there: at once if they are.
    function whenDrawable(step) {
      var needed = chunksFor(step);
      if (state.ready && needed.every(function (chunk) { return chunk.done; })) {
        state.pending = null;
        apply(step);
        return;
      }
      state.pending = step;
      if (!state.ready) { return; }  // the first step is shown when the map is ready, below
      Promise.all(needed.map(fetchChunk)).then(function () {
        if (state.pending === step) { whenDrawable(step); }
      });
    }

    var places = load(options.placesUrl).then(function (loaded) {
      state.places = loaded;
      Object.keys(state.places).forEach(function (id) {
        var place = state.places[id];
        if (place.kind === "country" || place.kind === "city") {
          var standing = label(id, place.anchor, place.name, place.kind, place.kind === "city");
          standing.marker.addTo(map);
          state.labels.push(standing);
        }
      });
    });
    Promise.all([places, fetchChunk(chunks[0])]).then(function () {
      state.ready = true;
      if (state.pending) { whenDrawable(state.pending); } else { placeLabels(); }
      try {
        window.parent.dispatchEvent(new CustomEvent("storymap:map-ready"));
      } catch (error) { /* a parent on another origin steps nothing */ }
      // A map no step comes to (yet) fetches the rest of the world all the same.
      setTimeout(fetchAll, options.restAfterMs);
    });

    return {
      // A step already shown is not shown again: repeating it must not move or flash the map.
      step: function (step) {
        if (step.section === state.section && state.ready) { state.pending = null; } else { whenDrawable(step); }
      },
      // Frame the section again; a place shown from its name is put away.
      frame: frame,
      // Frame what is framed now again (the place shown, or the section), after a resize.
      refit: refit,
      // Emphasise a place (the reader points at its name), or none (null).
      link: function (id) { link(id); },
      // Frame a place and open its note and source, leaving the section as it is; false for a
      // place the map does not know (or before it is ready).
      show: show,
      // The place shown from its name, or null.
      shown: function () { return state.shown; },
      // The page lays its own card over the map's lower edge; the next frame keeps clear of it.
      // Says whether it changed, so the page can frame again where no step follows.
      inset: function (covered) {
        var bottom = Math.round(covered.bottom || 0);
        var changed = bottom !== state.covered;
        state.covered = bottom;
        return changed;
      }
    };
  }

  window.StoryMap = {init: init};
})();
