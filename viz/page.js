/* semikg graph page: filters, search, details panel. All page text is set with textContent (never
   innerHTML): names and quotes come from news articles and may contain markup.
   Positions come with the data (laid out in Python), so the first picture is the settled one. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("semikg-data").textContent);
  var L = data.labels;
  var hiddenClasses = new Set();
  var hiddenPredicates = new Set();
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  // Entities not drawn, as compact rows (see _reserve in page.py): made into nodes and edges on demand.
  var R = data.reserve;
  var reserveNodes = {};
  R.nodes.forEach(function (r) {
    reserveNodes[r[0]] = { id: r[0], label: r[1], cls: r[2], color: r[3], shape: r[4], size: r[5], search: r[6],
      degree: r[7], classes: r[8], aliases: r[9], origin: r[10], title: r[1] + "\n" + (r[8].join(", ") || r[2]) };
  });
  var reserveEdges = {};
  R.edges.forEach(function (r, i) {
    var p = R.predicates[r[2]];
    var from = R.ids[r[0]], to = R.ids[r[1]];
    var subj = r[3] ? to : from, obj = r[3] ? from : to;
    var e = { id: "r" + i, from: from, to: to, pred: r[2], predLabel: p.label, subj: subj, obj: obj,
      status: r[4], asserted: r[5], conf: r[6], dashes: r[5] ? false : R.dashes, width: p.width,
      color: { color: p.color, highlight: R.highlight, hover: R.highlight }, arrows: p.symmetric ? "" : "to",
      ev: [{ quote: r[7], cite: r[8], url: r[9], source: r[10], file: r[11], article: "", status: r[4],
             confidence: r[6], rule: "" }] };
    (reserveEdges[e.from] = reserveEdges[e.from] || []).push(e);
    (reserveEdges[e.to] = reserveEdges[e.to] || []).push(e);
  });
  function edgeTitle(e) {
    var q = e.ev[0].quote ? "\n\u201c" + e.ev[0].quote.slice(0, 200) + "\u201d" : (e.ev[0].cite ? "\n" + e.ev[0].cite : "");
    return nodeName(e.subj) + " \u2014" + e.predLabel + "\u2192 " + nodeName(e.obj) + "\n" + e.status +
      ", confidence " + e.conf + q;
  }
  var pinned = new Set();  // nodes shown whatever the filters: the focus, what the user searched
  if (data.focus) { pinned.add(data.focus); }

  function edgeShown(e) {
    if (hiddenPredicates.has(e.pred)) { return false; }
    var a = nodes.get(e.from), b = nodes.get(e.to);
    return !!a && !!b && !hiddenClasses.has(a.cls) && !hiddenClasses.has(b.cls);
  }
  var linked = null;  // ids with a shown edge, while a filter is on
  function recount() {
    if (!hiddenClasses.size && !hiddenPredicates.size) { linked = null; return; }
    linked = new Set();
    edges.forEach(function (e) { if (edgeShown(e)) { linked.add(e.from); linked.add(e.to); } });
  }
  var nodesView = new vis.DataView(nodes, {
    filter: function (n) {
      if (n.heading) { return true; }
      if (hiddenClasses.has(n.cls)) { return false; }
      // A filter that leaves a node without any drawn relation hides the node too.
      return linked === null || linked.has(n.id) || pinned.has(n.id);
    }
  });
  var edgesView = new vis.DataView(edges, { filter: edgeShown });
  var container = document.getElementById("graph");
  var state = {
    stabilized: false, stabilizeMs: null, focused: data.focus || null, openScale: null,
    nodes: nodes, edges: edges, nodesView: nodesView, edgesView: edgesView
  };
  window.semikgViz = state;

  var t0 = performance.now();
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, data.options);
  state.network = network;

  // ------------------------------------------------------------------ labels
  // Font sizes are canvas units: a label's size on screen is font size x zoom. Hubs get the size that
  // reads at the opening zoom; the others one under the draw threshold, so they appear on zooming in.
  function labelFont(n, scale) {
    var px = n.hub ? L.hub_px : L.other_px;
    return { size: Math.round(100 * px / scale) / 100 };
  }
  function sizeLabels(ids) {
    var scale = state.openScale;
    nodes.update(ids.map(function (id) {
      var n = nodes.get(id);
      var f = labelFont(n, scale);
      if (n.font && n.font.bold) { f.bold = true; }
      if (n.heading) { f.size = Math.round(100 * 15 / scale) / 100; f.bold = true; }
      return { id: id, font: f };
    }));
  }
  function fitAndSize() {
    network.fit({ animation: false });
    state.openScale = network.getScale();
    sizeLabels(nodes.getIds());
  }
  fitAndSize();
  // Label sizes change the fitted extent a little: fit once more with the final sizes.
  fitAndSize();
  container.classList.add("ready");
  network.once("afterDrawing", function () {
    state.stabilized = true;
    state.stabilizeMs = Math.round(performance.now() - t0);
    document.body.setAttribute("data-ready", "1");
  });
  network.redraw();

  document.getElementById("physics-toggle").addEventListener("change", function (ev) {
    if (!ev.target.checked) { keepPositions(); }
    network.setOptions({ physics: { enabled: ev.target.checked, stabilization: { enabled: false } } });
  });
  function keepPositions() {
    var pos = network.getPositions();
    nodes.update(Object.keys(pos).map(function (id) { return { id: id, x: pos[id].x, y: pos[id].y }; }));
  }

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
  function nodeName(id) {
    var n = nodes.get(id) || reserveNodes[id];
    return n ? n.label : id;
  }
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
    if (!n || n.heading) { return; }
    var b = body();
    b.appendChild(el("h3", n.label, "node-name"));
    var dl = el("dl", null, "props");
    prop(dl, data.ui.f_type, n.classes.join(", ") || n.cls);
    prop(dl, data.ui.f_aliases, n.aliases.join(" · ") || "—");
    prop(dl, data.ui.f_origin, n.origin || "—");
    prop(dl, "IRI", n.id);
    b.appendChild(dl);
    var list = el("ul", null, "edge-list");
    // The relations the filters leave drawn, written as stated (subject, relation, object).
    edgesView.get({ filter: function (e) { return e.subj === id || e.obj === id; } }).forEach(function (e) {
      var li = el("li");
      var text = e.subj === id ? e.predLabel + " → " + nodeName(e.obj) : nodeName(e.subj) + " → " + e.predLabel;
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
    h.appendChild(linkButton(nodeName(e.subj), function () { focusNode(e.subj); }));
    h.appendChild(document.createTextNode(" —" + e.predLabel + "→ "));
    h.appendChild(linkButton(nodeName(e.obj), function () { focusNode(e.obj); }));
    b.appendChild(h);
    var dl = el("dl", null, "props");
    prop(dl, data.ui.f_predicate, e.pred);
    prop(dl, data.ui.f_status, e.status + (e.asserted ? "" : " (" + data.ui.f_hedged + ")"));
    prop(dl, data.ui.f_confidence, e.conf);
    b.appendChild(dl);
    e.ev.forEach(function (ev) {
      var box = el("div", null, "evidence");
      if (ev.quote) { box.appendChild(el("blockquote", ev.quote)); }
      if (ev.cite) {
        var p = el("p", data.ui.f_cite + ": ", "cite");
        if (/^https?:\/\//.test(ev.url)) {
          var a = el("a", ev.cite);
          a.href = ev.url;
          a.target = "_blank";
          a.rel = "noopener noreferrer";
          p.appendChild(a);
        } else {
          p.appendChild(document.createTextNode(ev.cite));
        }
        box.appendChild(p);
      }
      var src = ev.source === "article" ? ev.file + " — " + ev.article : ev.source;
      box.appendChild(el("p", src, "source"));
      box.appendChild(el("p", ev.status + ", " + ev.confidence + ", " + data.ui.f_rule + " " + ev.rule, "hint"));
      b.appendChild(box);
    });
  }

  function hideTooltip() {
    Array.prototype.forEach.call(document.querySelectorAll("div.vis-tooltip"), function (t) {
      t.style.visibility = "hidden";
    });
  }

  function focusNode(id, zoom) {
    if (!nodesView.get(id)) { return false; }
    hideTooltip();
    network.selectNodes([id]);
    if (zoom !== false) {
      // Close enough that the neighbours' labels are drawn, not so close that they are huge.
      var scale = Math.max(network.getScale(), state.openScale * 2.5);
      network.focus(id, { scale: scale, animation: false });
    }
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
  function rank(n, q) {
    var best = null;
    n.search.forEach(function (k) {
      var r = k === q ? 0 : (k.indexOf(q) === 0 ? 1 : (k.indexOf(q) > 0 ? 2 : null));
      if (r !== null && (best === null || r < best)) { best = r; }
    });
    return best;
  }
  function better(a, b) {
    return b === null || a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2])));
  }
  function search(text) {
    var q = key(text);
    if (!q) { return null; }
    var best = null;
    function consider(n) {
      if (n.heading) { return; }
      var r = rank(n, q);
      if (r === null) { return; }
      var cand = [r, -n.degree, n.id];
      if (better(cand, best)) { best = cand; }
    }
    nodes.forEach(consider);
    Object.keys(reserveNodes).forEach(function (id) { if (!nodes.get(id)) { consider(reserveNodes[id]); } });
    return best ? best[2] : null;
  }
  state.search = search;

  // An entity the page did not draw: added with its relations, next to its drawn neighbours.
  function addFromReserve(id) {
    var n = reserveNodes[id];
    var rel = (reserveEdges[id] || []).filter(function (e) { return !edges.get(e.id); });
    var others = [];
    rel.forEach(function (e) {
      var o = e.from === id ? e.to : e.from;
      if (others.indexOf(o) < 0) { others.push(o); }
    });
    var pos = network.getPositions(others.filter(function (o) { return nodes.get(o); }));
    var ids = Object.keys(pos);
    var c = network.getViewPosition();
    if (ids.length) {
      c = { x: 0, y: 0 };
      ids.forEach(function (o) { c.x += pos[o].x / ids.length; c.y += pos[o].y / ids.length; });
      c.y += 60 / state.openScale;  // beside the neighbours, not on top of one
    }
    var added = [Object.assign({}, n, { x: c.x, y: c.y, hub: true })];
    var fresh = others.filter(function (o) { return !nodes.get(o) && reserveNodes[o]; });
    var r = 120;
    fresh.forEach(function (o, i) {
      var a = 2 * Math.PI * i / fresh.length;
      added.push(Object.assign({}, reserveNodes[o], { x: c.x + r * Math.cos(a), y: c.y + r * Math.sin(a), hub: false }));
    });
    nodes.add(added);
    pinned.add(id);
    sizeLabels(added.map(function (a) { return a.id; }));
    edges.add(rel.filter(function (e) { return nodes.get(e.from) && nodes.get(e.to); }).map(function (e) {
      return Object.assign({}, e, { title: edgeTitle(e) });
    }));
    recount();
    nodesView.refresh();
    edgesView.refresh();
  }

  document.getElementById("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var text = document.getElementById("search").value;
    var id = search(text);
    var status = document.getElementById("search-status");
    var added = false;
    if (id !== null && !nodes.get(id)) { addFromReserve(id); added = true; }
    if (id !== null && !nodesView.get(id)) { pinned.add(id); recount(); nodesView.refresh(); }
    if (id !== null && focusNode(id)) {
      status.textContent = "→ " + nodeName(id) + (added ? " (" + data.ui.s_added + ")" : "");
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
        // Keep every node where it is (physics may have moved them), or nodes shown again would
        // reappear piled up at the origin.
        keepPositions();
        recount();
        nodesView.refresh();
        edgesView.refresh();
        // Re-centre on what is left.
        network.fit({ animation: false });
        if (state.focused && nodesView.get(state.focused)) { showNode(state.focused); }
      });
    });
  }
  toggles("input.class-toggle", hiddenClasses);
  toggles("input.predicate-toggle", hiddenPredicates);

  if (data.focus && nodes.get(data.focus)) { showNode(data.focus); }
}());
