/** Connectivity of an edge list by union-find, so random generators can reject a draw before building a graph. */
export function isConnectedEdgeList(size: number, edges: ArrayLike<number>): boolean {
  const parent = new Int32Array(size);
  for (let k = 0; k < size; k++) parent[k] = k;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  let components = size;
  for (let e = 0; e + 1 < edges.length; e += 2) {
    const a = find(edges[e]);
    const b = find(edges[e + 1]);
    if (a !== b) {
      parent[a] = b;
      components--;
    }
  }
  return components === 1;
}
