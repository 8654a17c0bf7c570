/* The story map's browser side: a light basemap from static GeoJSON, labels, a reset control,
 * and `StoryMap.step()`, which highlights a section's places by id. Shapes and place notes are
 * fetched once; a step carries only ids, roles and bounds. Served from the app's static folder.
 * The story page steps it from the page (reader.js), which it tells when it is ready. */
(function () {
  "use strict";

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

  // On touch screens one finger scrolls the page, as it does everywhere else; two fingers move
  // the map (Leaflet's pinch zoom stays on). A short hint says so when one finger tries.
  function twoFingerPanning(map) {
    if (!L.Browser.touch) { return; }
    var container = map.getContainer();
    var hint = L.DomUtil.create("div", "storymap-gesture-hint", container);
    hint.textContent = "Use two fingers to move the map";
    var timer = null;
    map.dragging.disable();
    container.addEventListener("touchstart", function (event) {
      if (event.touches.length >= 2) { map.dragging.enable(); }
    }, {passive: true});
    container.addEventListener("touchmove", function (event) {
      if (event.touches.length !== 1) { return; }
      hint.classList.add("is-shown");
      clearTimeout(timer);
      timer = setTimeout(function () { hint.classList.remove("is-shown"); }, 1200);
    }, {passive: true});
    container.addEventListener("touchend", function (event) {
      if (event.touches.length < 2) { map.dragging.disable(); }
    }, {passive: true});
  }

  function init(map, options) {
    var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var container = map.getContainer();
    var state = {layers: {}, kinds: {}, places: {}, lit: [], ready: false, pending: null, bounds: null,
                 section: null, labels: [], stepLabels: [], roles: {}, points: [], covered: 0};
    var markers = L.layerGroup().addTo(map);
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

    // Fly to the section's frame. A new flight cancels the one under way (Leaflet's flyTo stops
    // it), so a fast run of steps ends on the last one with no queue of flights behind it.
    function frame() {
      if (!state.bounds) { return; }
      var pad = options.padding;
      var fit = {paddingTopLeft: pad, paddingBottomRight: [pad[0], pad[1] + state.covered],
                 maxZoom: state.maxZoom || options.maxFrameZoom};
      var target = map._getBoundsCenterZoom(L.latLngBounds(state.bounds), fit);
      container.setAttribute("data-frame-view", viewString(target.center, target.zoom));
      if (reduced) {
        map.fitBounds(state.bounds, Object.assign({animate: false}, fit));
      } else {
        map.flyTo(target.center, target.zoom, {duration: options.flightSeconds});
      }
    }

    // The container's size can change after the map starts (late styles, phones, rotation):
    // tell Leaflet, and frame the section again.
    map.on("resize", frame);
    if (window.ResizeObserver) {
      new ResizeObserver(function () { map.invalidateSize({pan: false}); }).observe(container);
    }

    // Labels are put down again wherever the view ends up: after a flight, a zoom, a resize.
    function placeLabels() {
      var all = state.labels.concat(state.stepLabels);
      all.forEach(function (item) { item.el = item.marker.getElement(); });
      StoryLabels.place(map, all.filter(function (item) { return item.el; }), state.roles, state.points);
    }

    map.on("moveend", function () {
      placeLabels();
      container.setAttribute("data-view", viewString(map.getCenter(), map.getZoom()));
    });
    map.on("zoomend viewreset", placeLabels);
    if (document.fonts && document.fonts.ready) { document.fonts.ready.then(placeLabels); }

    var Reset = L.Control.extend({
      options: {position: "topleft"},
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

    twoFingerPanning(map);

    // Stepping keys pressed while the map has focus go to the page; arrows stay with the map.
    document.addEventListener("keydown", function (event) {
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

    function clear() {
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
      state.bounds = step.bounds;
      state.maxZoom = step.maxZoom || null;
      state.section = step.section;
      container.setAttribute("data-section", step.section);
      container.setAttribute("data-places", step.places.map(function (p) { return p.id; }).join(","));
      placeLabels();
      frame();
    }

    function load(url) {
      return fetch(url).then(function (response) { return response.json(); });
    }

    Promise.all([load(options.placesUrl)].concat(options.shapeUrls.map(load))).then(function (loaded) {
      state.places = loaded[0];
      Object.keys(state.places).forEach(function (id) {
        var place = state.places[id];
        if (place.kind === "country" || place.kind === "city") {
          var standing = label(id, place.anchor, place.name, place.kind, place.kind === "city");
          standing.marker.addTo(map);
          state.labels.push(standing);
        }
      });
      loaded.slice(1).forEach(function (collection) {
        collection.features.forEach(function (feature) {
          var id = feature.properties.id;
          var pane = feature.properties.kind === "country" ? "storymapCountries" : "overlayPane";
          var layer = L.geoJSON(feature, {style: options.base, pane: pane});
          state.layers[id] = layer;
          state.kinds[id] = feature.properties.kind;
          if (feature.properties.kind === "country") { layer.addTo(map); }
        });
      });
      state.ready = true;
      if (state.pending) { apply(state.pending); state.pending = null; } else { placeLabels(); }
      try {
        window.parent.dispatchEvent(new CustomEvent("storymap:map-ready"));
      } catch (error) { /* a parent on another origin steps nothing */ }
    });

    return {
      // A step already shown is not shown again: repeating it must not move or flash the map.
      step: function (step) {
        if (!state.ready) { state.pending = step; } else if (step.section !== state.section) { apply(step); }
      },
      frame: frame,
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
