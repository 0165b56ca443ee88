/**
 * Merges an applied configuration into the live object (typed.Merge): the config's
 * values win, maps and structs merge field by field, associative lists and sets merge
 * element by element (keeping the live order around the config's), atomic values are
 * replaced whole. This is server-side apply's merge, not strategic merge patch: there
 * are no directives, and nothing is deleted here (pruning is a separate step).
 */
import { isPlainObject } from '../object.js';
import { fieldType, listItemElement, shapeOf, type TypeNode } from './field-types.js';
import { serializePathElement } from './path-element.js';

/** `live` with `config` merged in; neither input is changed. Throws on duplicate keys in the config. */
export function mergeObjects(live: unknown, config: unknown, type: TypeNode): unknown {
  if (config === undefined) return live;
  if (live === undefined) return config;
  const shape = shapeOf(type, config);
  const empty = (v: unknown) => (Array.isArray(v) ? v.length === 0 : isPlainObject(v) && Object.keys(v).length === 0);
  if (shape === 'leaf' || shapeOf(type, live) !== shape || (empty(live) && empty(config))) return config;
  if (shape === 'map') return mergeMaps(live as Record<string, unknown>, config as Record<string, unknown>, type);
  return mergeLists(live as unknown[], config as unknown[], type as Extract<TypeNode, { kind: 'list' }>);
}

function mergeMaps(live: Record<string, unknown>, config: Record<string, unknown>, type: TypeNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(live), ...Object.keys(config)])) {
    const merged = mergeObjects(
      Object.hasOwn(live, key) ? live[key] : undefined,
      Object.hasOwn(config, key) ? config[key] : undefined,
      fieldType(type, key) ?? { kind: 'deduced' },
    );
    Object.defineProperty(out, key, { value: merged, writable: true, enumerable: true, configurable: true });
  }
  return out;
}

/**
 * Config elements keep the config's order; live-only elements stay where they were
 * relative to the shared ones (merge.go's visitListItems).
 */
function mergeLists(live: unknown[], config: unknown[], type: Extract<TypeNode, { kind: 'list' }>): unknown[] {
  const idOf = (item: unknown) => serializePathElement(listItemElement(type, item));
  const liveIds = live.map(idOf);
  const configIds = config.map(idOf);
  const duplicate = configIds.find((id, i) => configIds.indexOf(id) !== i);
  if (duplicate !== undefined) throw new Error(`duplicate entries for key ${duplicate}`);
  const configById = new Map(configIds.map((id, i) => [id, config[i]]));
  const liveById = new Map(liveIds.map((id, i) => [id, live[i]]));
  const shared = configIds.filter((id) => liveById.has(id));
  let nextShared = shared.shift();
  const merged = new Set<string>();
  const out: unknown[] = [];
  const mergeItem = (id: string) => {
    merged.add(id);
    out.push(mergeObjects(liveById.get(id), configById.get(id), type.item));
  };
  let l = 0;
  let r = 0;
  while (l < liveIds.length || r < configIds.length) {
    if (l < liveIds.length && r < configIds.length) {
      if (liveIds[l] === configIds[r]) {
        mergeItem(configIds[r++]);
        l++;
        nextShared = shared.shift();
        continue;
      }
      if (configById.has(liveIds[l]) && nextShared !== undefined && nextShared !== liveIds[l]) {
        l++;
        continue;
      }
    }
    if (l < liveIds.length) {
      if (!configById.has(liveIds[l])) {
        out.push(live[l++]);
        continue;
      }
      if (merged.has(liveIds[l])) l++;
    }
    if (r < configIds.length) {
      const id = configIds[r++];
      mergeItem(id);
      if (nextShared === id) nextShared = shared.shift();
    }
  }
  return out;
}
