// Graph algorithms for the validator, on plain integer ids so they stay fast on large
// definitions: reachability, cycles (Tarjan's strongly connected components) and
// dominators (Cooper, Harvey & Kennedy). All iterative: a deep graph cannot overflow the
// call stack. Knows nothing of process definitions.

/** An edge end of -1 is a node outside the graph (an edge naming a missing node). */
export const OUTSIDE = -1;

export type Graph = {
  size: number;
  from: Int32Array;
  to: Int32Array;
  /** Edge numbers leaving / entering each node, in edge order. */
  out: number[][];
  in: number[][];
};

export function buildGraph(size: number, edges: readonly { from: number; to: number }[]): Graph {
  const g: Graph = {
    size,
    from: new Int32Array(edges.length),
    to: new Int32Array(edges.length),
    out: Array.from({ length: size }, () => []),
    in: Array.from({ length: size }, () => []),
  };
  edges.forEach((e, k) => {
    g.from[k] = e.from;
    g.to[k] = e.to;
    if (e.from !== OUTSIDE) g.out[e.from].push(k);
    if (e.to !== OUTSIDE) g.in[e.to].push(k);
  });
  return g;
}

function walk(size: number, seeds: Iterable<number>, next: (node: number, visit: (n: number) => void) => void): Uint8Array {
  const seen = new Uint8Array(size);
  const stack: number[] = [];
  const visit = (n: number) => {
    if (n !== OUTSIDE && !seen[n]) {
      seen[n] = 1;
      stack.push(n);
    }
  };
  for (const s of seeds) visit(s);
  while (stack.length > 0) next(stack.pop()!, visit);
  return seen;
}

/** Nodes reachable from `seeds` following edges forward. */
export function reachableFrom(g: Graph, seeds: Iterable<number>): Uint8Array {
  return walk(g.size, seeds, (n, visit) => {
    for (const e of g.out[n]) visit(g.to[e]);
  });
}

/** Nodes from which one of `targets` can be reached. */
export function reaching(g: Graph, targets: Iterable<number>): Uint8Array {
  return walk(g.size, targets, (n, visit) => {
    for (const e of g.in[n]) visit(g.from[e]);
  });
}

/** The strongly connected components, among nodes `inside`, that contain a cycle. */
export function cycles(g: Graph, inside: (n: number) => boolean): number[][] {
  const index = new Int32Array(g.size).fill(-1);
  const low = new Int32Array(g.size);
  const cursor = new Int32Array(g.size);
  const onStack = new Uint8Array(g.size);
  const stack: number[] = [];
  const found: number[][] = [];
  let counter = 0;
  const enter = (v: number, calls: number[]) => {
    index[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = 1;
    calls.push(v);
  };
  for (let s = 0; s < g.size; s++) {
    if (!inside(s) || index[s] !== -1) continue;
    const calls: number[] = [];
    enter(s, calls);
    while (calls.length > 0) {
      const v = calls[calls.length - 1];
      if (cursor[v] < g.out[v].length) {
        const w = g.to[g.out[v][cursor[v]++]];
        if (w === OUTSIDE || !inside(w)) continue;
        if (index[w] === -1) enter(w, calls);
        else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
        continue;
      }
      calls.pop();
      if (calls.length > 0) {
        const u = calls[calls.length - 1];
        low[u] = Math.min(low[u], low[v]);
      }
      if (low[v] !== index[v]) continue;
      const component: number[] = [];
      let w: number;
      do {
        w = stack.pop()!;
        onStack[w] = 0;
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || g.out[v].some((e) => g.to[e] === v)) found.push(component);
    }
  }
  return found;
}

export type Dominators = {
  /** Immediate dominator of each node; the virtual root is `size`; -1 when unreachable. */
  idom: Int32Array;
  postorder: Int32Array;
  root: number;
};

/**
 * Dominators from a virtual root whose successors are `entries` and the targets of edges
 * coming from outside the graph (Cooper, Harvey & Kennedy, "A Simple, Fast Dominance
 * Algorithm", 2001).
 */
export function dominators(g: Graph, entries: readonly number[]): Dominators {
  const root = g.size;
  const rootSuccessors = [...entries];
  for (let e = 0; e < g.from.length; e++) if (g.from[e] === OUTSIDE && g.to[e] !== OUTSIDE) rootSuccessors.push(g.to[e]);
  const successors = (n: number): number[] =>
    n === root ? rootSuccessors : g.out[n].map((e) => g.to[e]).filter((w) => w !== OUTSIDE);

  const postorder = new Int32Array(g.size + 1).fill(-1);
  const order: number[] = [];
  const visited = new Uint8Array(g.size + 1);
  const calls: { node: number; next: number[]; i: number }[] = [{ node: root, next: successors(root), i: 0 }];
  visited[root] = 1;
  while (calls.length > 0) {
    const top = calls[calls.length - 1];
    if (top.i < top.next.length) {
      const w = top.next[top.i++];
      if (!visited[w]) {
        visited[w] = 1;
        calls.push({ node: w, next: successors(w), i: 0 });
      }
      continue;
    }
    calls.pop();
    postorder[top.node] = order.length;
    order.push(top.node);
  }

  const preds: number[][] = Array.from({ length: g.size + 1 }, () => []);
  for (const w of rootSuccessors) preds[w].push(root);
  for (let e = 0; e < g.from.length; e++) {
    if (g.from[e] !== OUTSIDE && g.to[e] !== OUTSIDE) preds[g.to[e]].push(g.from[e]);
  }

  const idom = new Int32Array(g.size + 1).fill(-1);
  idom[root] = root;
  const dom: Dominators = { idom, postorder, root };
  for (let changed = true; changed; ) {
    changed = false;
    for (let k = order.length - 2; k >= 0; k--) {
      const b = order[k];
      let next = -1;
      for (const p of preds[b]) {
        if (idom[p] === -1) continue;
        next = next === -1 ? p : commonDominator(dom, p, next);
      }
      if (idom[b] !== next) {
        idom[b] = next;
        changed = true;
      }
    }
  }
  return dom;
}

/** The nearest node dominating both `a` and `b` (either may be it); both must be reachable. */
export function commonDominator(dom: Dominators, a: number, b: number): number {
  const { idom, postorder } = dom;
  while (a !== b) {
    while (postorder[a] < postorder[b]) a = idom[a];
    while (postorder[b] < postorder[a]) b = idom[b];
  }
  return a;
}

export function dominates(dom: Dominators, a: number, b: number): boolean {
  return commonDominator(dom, a, b) === a;
}
