/**
 * ROS 2 name resolution: relative names live in the node's namespace, `~/x` in the node's
 * private namespace, absolute names stay; remapping rules apply to fully resolved names.
 */

const TOKEN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Checks a namespace such as `/` or `/robot_3`; returns it normalised (leading slash, no trailing). */
export function normalizeNamespace(ns: string): string {
  const withSlash = ns.startsWith('/') ? ns : `/${ns}`;
  const trimmed = withSlash.length > 1 && withSlash.endsWith('/') ? withSlash.slice(0, -1) : withSlash;
  if (trimmed !== '/') {
    for (const part of trimmed.slice(1).split('/')) {
      if (!TOKEN.test(part)) throw new Error(`invalid namespace '${ns}': '${part}' must start with a letter or '_' and contain only letters, digits and '_'`);
    }
  }
  return trimmed;
}

export function validateNodeName(name: string): string {
  if (!TOKEN.test(name)) throw new Error(`invalid node name '${name}': must start with a letter or '_' and contain only letters, digits and '_'`);
  return name;
}

/** Fully qualified name of `name` as seen from node `node` in namespace `ns`. */
export function resolveName(name: string, ns: string, node: string): string {
  if (name.length === 0) throw new Error('a topic name must not be empty');
  let full: string;
  if (name.startsWith('/')) full = name;
  else if (name === '~' || name.startsWith('~/')) full = `${ns === '/' ? '' : ns}/${node}${name.slice(1)}`;
  else full = `${ns === '/' ? '' : ns}/${name}`;
  const parts = full.slice(1).split('/');
  for (const part of parts) {
    if (!/^[A-Za-z0-9_]+$/.test(part)) throw new Error(`invalid topic name '${name}' (resolved to '${full}'): '${part}' may contain only letters, digits and '_'`);
  }
  return full;
}

/** Applies remapping rules (`from -> to`, both resolved in the node's namespace). */
export function remapName(resolved: string, remaps: ReadonlyMap<string, string>): string {
  return remaps.get(resolved) ?? resolved;
}
