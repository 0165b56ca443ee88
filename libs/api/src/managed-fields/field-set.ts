/**
 * A set of field paths stored as a tree, like structured-merge-diff's fieldpath.Set:
 * each node has members (paths that end here) and children (paths that go on). A
 * path can be both, which FieldsV1 writes as a `.` entry. Sets are immutable.
 */
import { comparePathElements, serializePathElement, type FieldPath, type PathElement } from './path-element.js';

interface Child {
  element: PathElement;
  set: FieldSet;
}

/** A node of a set under construction: `FieldSet.of` fills these in place, then freezes them once. */
interface DraftNode {
  members: Map<string, PathElement>;
  children: Map<string, { element: PathElement; node: DraftNode }>;
}

const draftNode = (): DraftNode => ({ members: new Map(), children: new Map() });

export class FieldSet {
  private constructor(
    private readonly members: ReadonlyMap<string, PathElement>,
    private readonly children: ReadonlyMap<string, Child>,
  ) {}

  static readonly empty = new FieldSet(new Map(), new Map());

  /** The set holding exactly these paths (built in place: inserting one by one copies a node's maps per path). */
  static of(paths: Iterable<FieldPath>): FieldSet {
    const root = draftNode();
    for (const path of paths) {
      let node = root;
      path.forEach((element, i) => {
        const id = serializePathElement(element);
        if (i === path.length - 1) {
          node.members.set(id, element);
          return;
        }
        let child = node.children.get(id);
        if (!child) node.children.set(id, (child = { element, node: draftNode() }));
        node = child.node;
      });
    }
    return FieldSet.frozen(root);
  }

  /**
   * The set of one node: these members, and these children each with the set below it (elements of one key merged, as
   * `of` merges them). What a decoder builds from a node whose children it has decoded.
   */
  static node(members: Iterable<PathElement>, children: Iterable<{ element: PathElement; set: FieldSet }>): FieldSet {
    const memberMap = new Map<string, PathElement>();
    for (const element of members) memberMap.set(serializePathElement(element), element);
    const childMap = new Map<string, Child>();
    for (const child of children) {
      if (child.set.isEmpty()) continue;
      const id = serializePathElement(child.element);
      const before = childMap.get(id);
      childMap.set(id, before ? { element: before.element, set: before.set.union(child.set) } : child);
    }
    return FieldSet.made(memberMap, childMap);
  }

  /** A set of these members and children; the empty set when it has neither. */
  private static made(members: ReadonlyMap<string, PathElement>, children: ReadonlyMap<string, Child>): FieldSet {
    return members.size === 0 && children.size === 0 ? FieldSet.empty : new FieldSet(members, children);
  }

  private static frozen(node: DraftNode): FieldSet {
    if (node.members.size === 0 && node.children.size === 0) return FieldSet.empty;
    const children = new Map<string, Child>();
    for (const [id, child] of node.children) children.set(id, { element: child.element, set: FieldSet.frozen(child.node) });
    return new FieldSet(node.members, children);
  }

  /** A new set with `path` added. */
  insert(path: FieldPath): FieldSet {
    if (path.length === 0) return this;
    const [head, ...rest] = path;
    const id = serializePathElement(head);
    if (rest.length === 0) {
      if (this.members.has(id)) return this;
      return new FieldSet(new Map(this.members).set(id, head), this.children);
    }
    const child = this.children.get(id)?.set ?? FieldSet.empty;
    return new FieldSet(this.members, new Map(this.children).set(id, { element: head, set: child.insert(rest) }));
  }

  has(path: FieldPath): boolean {
    if (path.length === 0) return false;
    const id = serializePathElement(path[0]);
    if (path.length === 1) return this.members.has(id);
    return this.children.get(id)?.set.has(path.slice(1)) ?? false;
  }

  isEmpty(): boolean {
    return this.members.size === 0 && this.children.size === 0;
  }

  /** True when the element is a member here (the path to it, not below it). */
  hasMember(element: PathElement): boolean {
    return this.members.has(serializePathElement(element));
  }

  /** The paths below `element`, relative to it. */
  withPrefix(element: PathElement): FieldSet {
    return this.children.get(serializePathElement(element))?.set ?? FieldSet.empty;
  }

  /** Both sets' paths; this set itself when it holds every path of `other` (a writer that owns nothing new keeps its set, and its encoding). */
  union(other: FieldSet): FieldSet {
    if (other.isEmpty() || other === this) return this;
    if (this.isEmpty()) return other;
    let grown = [...other.members.keys()].some((id) => !this.members.has(id));
    const children = new Map(this.children);
    for (const [id, child] of other.children) {
      const mine = children.get(id);
      const set = mine ? mine.set.union(child.set) : child.set;
      if (set !== mine?.set) {
        grown = true;
        children.set(id, mine ? { element: child.element, set } : child);
      }
    }
    return grown ? new FieldSet(new Map([...this.members, ...other.members]), children) : this;
  }

  intersection(other: FieldSet): FieldSet {
    if (this.isEmpty() || other.isEmpty()) return FieldSet.empty;
    const members = new Map([...this.members].filter(([id]) => other.members.has(id)));
    const children = new Map<string, Child>();
    for (const [id, child] of this.children) {
      const theirs = other.children.get(id);
      const set = theirs ? child.set.intersection(theirs.set) : FieldSet.empty;
      if (!set.isEmpty()) children.set(id, { element: child.element, set });
    }
    return new FieldSet(members, children);
  }

  /** Paths of this set that are not in `other` (exact paths; descendants of a removed member stay); this set itself when none is. */
  difference(other: FieldSet): FieldSet {
    if (other.isEmpty() || this.isEmpty()) return this;
    return this.without(other, (child, theirs) => child.difference(theirs));
  }

  /** Like difference, but a member of `other` also takes away every path below it; this set itself when none is. */
  recursiveDifference(other: FieldSet): FieldSet {
    if (other.isEmpty() || this.isEmpty()) return this;
    return this.without(other, (child, theirs) => child.recursiveDifference(theirs), true);
  }

  /**
   * This set without the members of `other`, each child taken through `take` with other's child of the same element
   * (also dropped, `recursive`, when that element is a member of `other`); this set itself when nothing was taken.
   */
  private without(other: FieldSet, take: (child: FieldSet, theirs: FieldSet) => FieldSet, recursive = false): FieldSet {
    const members = new Map([...this.members].filter(([id]) => !other.members.has(id)));
    let shrunk = members.size < this.members.size;
    const children = new Map<string, Child>();
    for (const [id, child] of this.children) {
      const theirs = other.children.get(id);
      const set = recursive && other.members.has(id) ? FieldSet.empty : theirs ? take(child.set, theirs.set) : child.set;
      if (set.isEmpty()) shrunk = true;
      else if (set === child.set) children.set(id, child);
      else {
        shrunk = true;
        children.set(id, { element: child.element, set });
      }
    }
    return shrunk ? FieldSet.made(members, children) : this;
  }

  /** This set with the given elements made members of this node (for named fields). */
  withMembers(elements: Iterable<PathElement>): FieldSet {
    const members = new Map(this.members);
    for (const element of elements) members.set(serializePathElement(element), element);
    return new FieldSet(members, this.children);
  }

  /** Rebuilds the children through `map` (used to walk a set alongside a schema). */
  mapChildren(map: (element: PathElement, set: FieldSet) => FieldSet): FieldSet {
    const children = new Map<string, Child>();
    for (const [id, child] of this.children) children.set(id, { element: child.element, set: map(child.element, child.set) });
    return new FieldSet(this.members, children);
  }

  /** Members here, in set order. */
  memberElements(): PathElement[] {
    return [...this.members.values()].sort(comparePathElements);
  }

  /** Children here, in set order. */
  childEntries(): { element: PathElement; set: FieldSet }[] {
    return [...this.children.values()].sort((a, b) => comparePathElements(a.element, b.element));
  }

  /**
   * The elements of this node, members and children together, in set order: each with its FieldsV1 key (the id the
   * node keeps it by), whether it is a member, and the set below it.
   */
  nodeElements(): { id: string; element: PathElement; member: boolean; below: FieldSet }[] {
    const elements: { id: string; element: PathElement; member: boolean; below: FieldSet }[] = [];
    for (const [id, element] of this.members) elements.push({ id, element, member: true, below: this.children.get(id)?.set ?? FieldSet.empty });
    for (const [id, child] of this.children) if (!this.members.has(id)) elements.push({ id, element: child.element, member: false, below: child.set });
    return elements.sort((a, b) => comparePathElements(a.element, b.element));
  }

  /** Every path: the members of a node first, then its children, each in set order. */
  paths(prefix: FieldPath = []): FieldPath[] {
    return [
      ...this.memberElements().map((element) => [...prefix, element]),
      ...this.childEntries().flatMap((child) => child.set.paths([...prefix, child.element])),
    ];
  }

  equals(other: FieldSet): boolean {
    return this.difference(other).isEmpty() && other.difference(this).isEmpty();
  }
}
