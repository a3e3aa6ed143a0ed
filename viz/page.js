/* semikg graph page: filters, search, details panel. All page text is set with textContent (never
   innerHTML): names and quotes come from news articles and may contain markup. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("semikg-data").textContent);
  var hiddenClasses = new Set();
  var hiddenPredicates = new Set();
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var nodesView = new vis.DataView(nodes, {
    filter: function (n) { return !hiddenClasses.has(n.cls); }
  });
  var edgesView = new vis.DataView(edges, {
    filter: function (e) {
      if (hiddenPredicates.has(e.pred)) { return false; }
      var a = nodes.get(e.from), b = nodes.get(e.to);
      return !!a && !!b && !hiddenClasses.has(a.cls) && !hiddenClasses.has(b.cls);
    }
  });
  var container = document.getElementById("graph");
  var state = {
    stabilized: false, stabilizeMs: null, focused: null,
    nodes: nodes, edges: edges, nodesView: nodesView, edgesView: edgesView
  };
  window.semikgViz = state;

  var t0 = performance.now();
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, data.options);
  state.network = network;

  function finishLayout() {
    if (state.stabilized) { return; }
    state.stabilized = true;
    state.stabilizeMs = Math.round(performance.now() - t0);
    // Freeze the layout: a settled graph must not drift while the user reads it.
    network.setOptions({ physics: { enabled: false } });
    network.fit({ animation: false });
    container.classList.add("ready");
    document.getElementById("loading").classList.add("done");
    // A focus page opens showing the whole neighbourhood, with its centre selected (no zoom).
    if (data.focus && nodes.get(data.focus)) { focusNode(data.focus, false); }
    document.body.setAttribute("data-ready", "1");
  }
  network.on("stabilizationProgress", function (p) {
    document.getElementById("progress").textContent = Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", finishLayout);
  network.once("stabilized", finishLayout);

  // ------------------------------------------------------------------ details panel
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function prop(dl, name, value) {
    dl.appendChild(el("dt", name));
    dl.appendChild(el("dd", value));
  }
  function nodeName(id) { var n = nodes.get(id); return n ? n.label : id; }
  function linkButton(text, onClick) {
    var b = el("button", text, "link");
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }
  function body() {
    var b = document.getElementById("details-body");
    while (b.firstChild) { b.removeChild(b.firstChild); }
    return b;
  }

  function showNode(id) {
    var n = nodes.get(id);
    if (!n) { return; }
    var b = body();
    b.appendChild(el("h3", n.label, "node-name"));
    var dl = el("dl", null, "props");
    prop(dl, data.ui.f_type, n.classes.join(", ") || n.cls);
    prop(dl, data.ui.f_aliases, n.aliases.join(" · ") || "—");
    prop(dl, data.ui.f_origin, n.origin || "—");
    prop(dl, "IRI", n.id);
    b.appendChild(dl);
    var list = el("ul", null, "edge-list");
    edges.get({ filter: function (e) { return e.from === id || e.to === id; } }).forEach(function (e) {
      var li = el("li");
      var text = e.from === id ? e.pred + " → " + nodeName(e.to) : nodeName(e.from) + " → " + e.pred;
      li.appendChild(linkButton(text + (e.asserted ? "" : " (" + e.status + ")"), function () {
        network.selectEdges([e.id]);
        showEdge(e.id);
      }));
      list.appendChild(li);
    });
    b.appendChild(list);
  }

  function showEdge(id) {
    var e = edges.get(id);
    if (!e) { return; }
    var b = body();
    var h = el("h3", null, "edge-name");
    h.appendChild(linkButton(nodeName(e.from), function () { focusNode(e.from); }));
    h.appendChild(document.createTextNode(" —" + e.pred + "→ "));
    h.appendChild(linkButton(nodeName(e.to), function () { focusNode(e.to); }));
    b.appendChild(h);
    var dl = el("dl", null, "props");
    prop(dl, data.ui.f_predicate, e.pred);
    prop(dl, data.ui.f_status, e.status + (e.asserted ? "" : " (" + data.ui.f_hedged + ")"));
    prop(dl, data.ui.f_confidence, e.conf);
    b.appendChild(dl);
    e.ev.forEach(function (ev) {
      var box = el("div", null, "evidence");
      if (ev.quote) { box.appendChild(el("blockquote", ev.quote)); }
      var src = ev.source === "article" ? ev.file + " — " + ev.article : ev.source;
      box.appendChild(el("p", src, "source"));
      box.appendChild(el("p", ev.status + ", " + ev.confidence + ", " + data.ui.f_rule + " " + ev.rule, "hint"));
      b.appendChild(box);
    });
  }

  function focusNode(id, zoom) {
    if (!nodesView.get(id)) { return false; }
    network.selectNodes([id]);
    if (zoom !== false) { network.focus(id, { scale: 1.2, animation: false }); }
    state.focused = id;
    showNode(id);
    return true;
  }
  state.focusNode = focusNode;

  network.on("click", function (p) {
    if (p.nodes.length) { showNode(p.nodes[0]); }
    else if (p.edges.length) { showEdge(p.edges[0]); }
  });

  // ------------------------------------------------------------------ search
  function key(text) { return text.normalize("NFKC").toLowerCase().replace(/\s+/g, ""); }
  function search(text) {
    var q = key(text);
    if (!q) { return null; }
    var best = null;
    nodesView.get().forEach(function (n) {
      var rank = null;
      n.search.forEach(function (k) {
        var r = k === q ? 0 : (k.indexOf(q) === 0 ? 1 : (k.indexOf(q) > 0 ? 2 : null));
        if (r !== null && (rank === null || r < rank)) { rank = r; }
      });
      if (rank === null) { return; }
      var cand = [rank, -n.degree, n.id];
      if (best === null || cand[0] < best[0] || (cand[0] === best[0] &&
          (cand[1] < best[1] || (cand[1] === best[1] && cand[2] < best[2])))) { best = cand; }
    });
    return best ? best[2] : null;
  }
  state.search = search;
  document.getElementById("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var text = document.getElementById("search").value;
    var id = search(text);
    var status = document.getElementById("search-status");
    if (id !== null && focusNode(id)) {
      status.textContent = "→ " + nodeName(id);
    } else {
      state.focused = null;
      status.textContent = data.ui.not_found + ": " + text;
    }
  });

  // ------------------------------------------------------------------ filters
  function toggles(selector, hidden) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), function (box) {
      box.addEventListener("change", function () {
        if (box.checked) { hidden.delete(box.value); } else { hidden.add(box.value); }
        // Physics is off after the first layout: keep every node where it is, or nodes shown
        // again would reappear piled up at the origin.
        // (network.storePositions() fails on a DataView whose nodes are partly hidden.)
        var pos = network.getPositions();
        nodes.update(Object.keys(pos).map(function (id) { return { id: id, x: pos[id].x, y: pos[id].y }; }));
        nodesView.refresh();
        edgesView.refresh();
      });
    });
  }
  toggles("input.class-toggle", hiddenClasses);
  toggles("input.predicate-toggle", hiddenPredicates);
}());
