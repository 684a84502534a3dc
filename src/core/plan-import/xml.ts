/**
 * A small, safe XML reader for the parts of a Word file: elements, attributes, text and CDATA
 * into a tree; comments, processing instructions and the DOCTYPE are skipped. Only the five
 * predefined entities and character references are decoded — entity declarations are never
 * read, so nothing can be expanded or fetched. Namespace prefixes are resolved: an element or an
 * attribute in a known namespace gets that namespace's usual prefix (`w:`, `mc:`, `v:` …) whatever
 * prefix the file declares. Markup that is not well-formed (a tag left open, mismatched end tags,
 * text outside the root) throws XmlSyntaxError; attributes are parsed on first use.
 */

export class XmlSyntaxError extends Error {
  /** 1-based line and column of the problem. */
  readonly line: number;
  readonly column: number;

  constructor(problem: string, source: string, offset: number) {
    const before = source.slice(0, offset);
    const line = before.split("\n").length;
    const column = offset - before.lastIndexOf("\n");
    super(`${problem} (line ${line}, column ${column})`);
    this.name = "XmlSyntaxError";
    this.line = line;
    this.column = column;
  }
}

export interface XmlElement {
  /** Qualified name, with the usual prefix of its namespace when the namespace is known. */
  readonly name: string;
  readonly children: readonly XmlNode[];
  /** An attribute's value by qualified name (`w:val`), entities decoded. */
  attribute(name: string): string | undefined;
}

/** An element or a run of character data (entities decoded). */
export type XmlNode = XmlElement | string;

/** The usual prefix of each namespace a Word part uses (transitional and strict OOXML). */
const KNOWN_NAMESPACES = new Map<string, string>([
  ["http://schemas.openxmlformats.org/wordprocessingml/2006/main", "w"],
  ["http://purl.oclc.org/ooxml/wordprocessingml/main", "w"],
  ["http://schemas.openxmlformats.org/markup-compatibility/2006", "mc"],
  ["http://schemas.openxmlformats.org/officeDocument/2006/relationships", "r"],
  ["http://purl.oclc.org/ooxml/officeDocument/relationships", "r"],
  ["http://schemas.openxmlformats.org/package/2006/relationships", "rel"],
  ["urn:schemas-microsoft-com:vml", "v"],
  ["urn:schemas-microsoft-com:office:office", "o"],
  ["http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing", "wp"],
  ["http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing", "wp"],
  ["http://schemas.microsoft.com/office/word/2010/wordprocessingShape", "wps"],
  ["http://schemas.microsoft.com/office/word/2010/wordprocessingGroup", "wpg"],
  ["http://schemas.openxmlformats.org/drawingml/2006/main", "a"],
  ["http://purl.oclc.org/ooxml/drawingml/main", "a"],
  ["http://schemas.openxmlformats.org/officeDocument/2006/math", "m"],
  ["http://purl.oclc.org/ooxml/officeDocument/math", "m"],
]);

const XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";

/** Namespace declarations in force, and the names already resolved under them. */
class Scope {
  private readonly resolved = new Map<string, string>();

  constructor(private readonly prefixes: ReadonlyMap<string, string>) {}

  /** A child scope with more declarations. */
  extend(declarations: Map<string, string>): Scope {
    const prefixes = new Map(this.prefixes);
    for (const [prefix, uri] of declarations) prefixes.set(prefix, uri);
    return new Scope(prefixes);
  }

  /** `ns0:p` → `w:p` when ns0 is WordprocessingML; unknown namespaces keep the name as written. */
  resolve(qualified: string, isAttribute: boolean): string {
    const cacheKey = isAttribute ? `@${qualified}` : qualified;
    const cached = this.resolved.get(cacheKey);
    if (cached !== undefined) return cached;
    const colon = qualified.indexOf(":");
    let result = qualified;
    if (colon < 0) {
      // Unprefixed attributes belong to no namespace; unprefixed elements to the default one.
      const known = isAttribute ? undefined : KNOWN_NAMESPACES.get(this.prefixes.get("") ?? "");
      if (known) result = `${known}:${qualified}`;
    } else {
      const prefix = qualified.slice(0, colon);
      const uri = prefix === "xml" ? XML_NAMESPACE : this.prefixes.get(prefix);
      const known = uri === undefined ? undefined : KNOWN_NAMESPACES.get(uri);
      if (known) result = `${known}${qualified.slice(colon)}`;
    }
    this.resolved.set(cacheKey, result);
    return result;
  }
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/**
 * Decodes `&amp; &lt; &gt; &quot; &apos;` and character references (`&#233;`, `&#xE9;`). Anything
 * else — an undeclared entity, a reference to a character XML forbids, a bare `&` — is kept as
 * written.
 */
export function decodeXmlEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(
    /&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|[A-Za-z]+);/g,
    (whole, body: string) => {
      if (body.charCodeAt(0) !== 0x23 /* # */) return NAMED_ENTITIES[body] ?? whole;
      const hex = body[1] === "x" || body[1] === "X";
      const code = hex ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return isXmlChar(code) ? String.fromCodePoint(code) : whole;
    },
  );
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x9 || code === 0xa || code === 0xd;
}

function isNameStart(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x41 && code <= 0x5a) || // A-Z
    code === 0x5f || // _
    code === 0x3a || // :
    code >= 0xc0
  );
}

/**
 * Reads `name="value"` pairs from the inside of a start tag. Tolerant: a stray token without a
 * value is skipped. Literal tabs and line breaks in values become spaces, as XML requires.
 */
function readAttributes(raw: string): [string, string][] {
  const pairs: [string, string][] = [];
  let index = 0;
  const length = raw.length;
  while (index < length) {
    while (index < length && isSpace(raw.charCodeAt(index))) index += 1;
    if (index >= length) break;
    const nameStart = index;
    while (index < length) {
      const code = raw.charCodeAt(index);
      if (isSpace(code) || code === 0x3d /* = */) break;
      index += 1;
    }
    const name = raw.slice(nameStart, index);
    while (index < length && isSpace(raw.charCodeAt(index))) index += 1;
    if (raw.charCodeAt(index) !== 0x3d) continue;
    index += 1;
    while (index < length && isSpace(raw.charCodeAt(index))) index += 1;
    const quote = raw[index];
    if (quote !== '"' && quote !== "'") continue;
    const close = raw.indexOf(quote, index + 1);
    if (close < 0) break;
    const value = raw.slice(index + 1, close).replace(/[\t\n\r]/g, " ");
    pairs.push([name, decodeXmlEntities(value)]);
    index = close + 1;
  }
  return pairs;
}

class Element implements XmlElement {
  readonly children: XmlNode[] = [];
  private attributes: Map<string, string> | null = null;

  constructor(
    readonly name: string,
    private readonly rawAttributes: string,
    private readonly scope: Scope,
  ) {}

  attribute(name: string): string | undefined {
    if (!this.attributes) {
      this.attributes = new Map();
      for (const [qualified, value] of readAttributes(this.rawAttributes)) {
        if (qualified === "xmlns" || qualified.startsWith("xmlns:")) continue;
        this.attributes.set(this.scope.resolve(qualified, true), value);
      }
    }
    return this.attributes.get(name);
  }
}

interface OpenElement {
  element: Element;
  /** The name as written, to match the end tag. */
  rawName: string;
  scope: Scope;
}

/** Finds the `>` closing a start tag, skipping quoted attribute values. */
function endOfTag(xml: string, from: number): number {
  let quote = 0;
  for (let index = from; index < xml.length; index += 1) {
    const code = xml.charCodeAt(index);
    if (quote) {
      if (code === quote) quote = 0;
    } else if (code === 0x22 || code === 0x27) {
      quote = code;
    } else if (code === 0x3e /* > */) {
      return index;
    } else if (code === 0x3c /* < */) {
      return -1;
    }
  }
  return -1;
}

/** Parses a whole XML document and returns its root element. */
export function parseXml(xml: string): XmlElement {
  const source = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  const length = source.length;
  const stack: OpenElement[] = [];
  let root: Element | null = null;
  const baseScope = new Scope(new Map());
  let scope = baseScope;
  let index = 0;

  const addText = (text: string, at: number, raw: boolean): void => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (!/^[\s]*$/.test(text)) {
        throw new XmlSyntaxError("text outside the root element", source, at);
      }
      return;
    }
    top.element.children.push(raw ? text : decodeXmlEntities(text));
  };

  while (index < length) {
    const open = source.indexOf("<", index);
    if (open < 0) {
      addText(source.slice(index), index, false);
      break;
    }
    if (open > index) addText(source.slice(index, open), index, false);
    const next = source.charCodeAt(open + 1);

    if (next === 0x3f /* ? */) {
      const end = source.indexOf("?>", open + 2);
      if (end < 0) throw new XmlSyntaxError("unterminated processing instruction", source, open);
      index = end + 2;
      continue;
    }

    if (next === 0x21 /* ! */) {
      if (source.startsWith("<!--", open)) {
        const end = source.indexOf("-->", open + 4);
        if (end < 0) throw new XmlSyntaxError("unterminated comment", source, open);
        index = end + 3;
      } else if (source.startsWith("<![CDATA[", open)) {
        const end = source.indexOf("]]>", open + 9);
        if (end < 0) throw new XmlSyntaxError("unterminated CDATA section", source, open);
        addText(source.slice(open + 9, end), open, true);
        index = end + 3;
      } else if (source.startsWith("<!DOCTYPE", open) && !root) {
        // Skipped, internal subset included: its entity declarations are never used.
        const bracket = source.indexOf("[", open);
        const close = source.indexOf(">", open);
        let end = close;
        if (bracket >= 0 && (close < 0 || bracket < close)) {
          const subsetEnd = source.indexOf("]", bracket);
          end = subsetEnd < 0 ? -1 : source.indexOf(">", subsetEnd);
        }
        if (end < 0) throw new XmlSyntaxError("unterminated DOCTYPE", source, open);
        index = end + 1;
      } else {
        throw new XmlSyntaxError("unexpected markup declaration", source, open);
      }
      continue;
    }

    if (next === 0x2f /* / */) {
      const end = source.indexOf(">", open + 2);
      if (end < 0) throw new XmlSyntaxError("unterminated end tag", source, open);
      const name = source.slice(open + 2, end).trim();
      const top = stack.pop();
      if (!top) throw new XmlSyntaxError(`unexpected end tag </${name}>`, source, open);
      if (top.rawName !== name) {
        throw new XmlSyntaxError(`expected </${top.rawName}>, found </${name}>`, source, open);
      }
      scope = stack[stack.length - 1]?.scope ?? baseScope;
      index = end + 1;
      continue;
    }

    if (!isNameStart(next)) throw new XmlSyntaxError("invalid tag", source, open);
    const end = endOfTag(source, open + 1);
    if (end < 0) throw new XmlSyntaxError("unterminated start tag", source, open);
    const selfClosing = source.charCodeAt(end - 1) === 0x2f;
    const inner = source.slice(open + 1, selfClosing ? end - 1 : end);
    let nameEnd = 0;
    while (nameEnd < inner.length && !isSpace(inner.charCodeAt(nameEnd))) nameEnd += 1;
    const rawName = inner.slice(0, nameEnd);
    const rawAttributes = inner.slice(nameEnd);

    let elementScope = scope;
    if (rawAttributes.includes("xmlns")) {
      const declarations = new Map<string, string>();
      for (const [name, value] of readAttributes(rawAttributes)) {
        if (name === "xmlns") declarations.set("", value);
        else if (name.startsWith("xmlns:")) declarations.set(name.slice(6), value);
      }
      if (declarations.size > 0) elementScope = scope.extend(declarations);
    }

    const element = new Element(elementScope.resolve(rawName, false), rawAttributes, elementScope);
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.element.children.push(element);
    } else if (root) {
      throw new XmlSyntaxError("more than one root element", source, open);
    } else {
      root = element;
    }
    if (!selfClosing) {
      stack.push({ element, rawName, scope: elementScope });
      scope = elementScope;
    }
    index = end + 1;
  }

  const unclosed = stack[stack.length - 1];
  if (unclosed) throw new XmlSyntaxError(`<${unclosed.rawName}> is not closed`, source, length);
  if (!root) throw new XmlSyntaxError("no root element", source, 0);
  return root;
}

/** The child elements of an element. */
export function childElements(element: XmlElement): XmlElement[] {
  const result: XmlElement[] = [];
  for (const child of element.children) if (typeof child !== "string") result.push(child);
  return result;
}

/** The first child element with this name. */
export function firstChild(element: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!element) return undefined;
  for (const child of element.children) {
    if (typeof child !== "string" && child.name === name) return child;
  }
  return undefined;
}

/** The element's own character data (not its descendants'). */
export function ownText(element: XmlElement): string {
  let text = "";
  for (const child of element.children) if (typeof child === "string") text += child;
  return text;
}
